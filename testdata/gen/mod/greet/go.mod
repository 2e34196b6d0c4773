module example.com/greet

go 1.26

require (
	cloud.google.com/go/firestore v1.29.2
	github.com/freshen-go/freshen v0.0.0
	google.golang.org/api v0.304.0
)

replace github.com/freshen-go/freshen => ../../../..

// Stand-ins with the real packages' signatures (see third_party/README).
replace cloud.google.com/go/firestore => ./third_party/firestore

replace google.golang.org/api => ./third_party/api
