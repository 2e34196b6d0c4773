module cloud.google.com/go/firestore

go 1.26

require google.golang.org/api v0.304.0

replace google.golang.org/api => ../api
