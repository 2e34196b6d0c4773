package main

import (
	"slices"
	"strings"
)

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func selected(name, pkgPath string, filter []string) bool {
	return slices.Contains(filter, name) || slices.Contains(filter, strings.TrimPrefix(name, pkgPath+"."))
}
