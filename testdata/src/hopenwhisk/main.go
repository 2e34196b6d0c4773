package main

import "os"

var path = "/mnt/shared/table.csv"

func Main(args map[string]interface{}) map[string]interface{} {
	b, _ := os.ReadFile(path) // want `before Main runs \(fetch #0\)`
	name, _ := args["name"].(string)
	os.ReadFile("/mnt/shared/" + name) // reject `depends on parameter args`
	return map[string]interface{}{"n": len(b)}
}

func main() {}
