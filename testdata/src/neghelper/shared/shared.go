// Package shared has an exported variable any importer may write.
package shared

var User string
