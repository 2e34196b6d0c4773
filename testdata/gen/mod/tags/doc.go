// Package tags has its handler only under the "cloud" build tag.
package tags
