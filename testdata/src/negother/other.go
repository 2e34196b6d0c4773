// Package negother is imported by neg; its exported variables may be written
// by any importer.
package negother

var Path = "/etc/app.conf"

func Name() string { return "app.conf" }
