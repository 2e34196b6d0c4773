// Package benchreport turns freshen-bench samples into the published
// results: percentiles per point, the JSON array of rows, Markdown tables
// with ratios against the floor, and log-scale plots in the style of the
// paper's Figures 4–6.
package benchreport
