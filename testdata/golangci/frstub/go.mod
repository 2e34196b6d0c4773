module github.com/freshen-go/freshen

go 1.26
