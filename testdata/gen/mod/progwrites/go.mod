module example.com/progwrites

go 1.26.0

require github.com/freshen-go/freshen v0.0.0

replace github.com/freshen-go/freshen => ../../../..
