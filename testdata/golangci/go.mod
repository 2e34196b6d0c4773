module example.com/lintmod

go 1.26

// The runtime is a stub with the real API's signatures, so the module
// needs nothing from the network.
require github.com/freshen-go/freshen v0.0.0

replace github.com/freshen-go/freshen => ./frstub
