// Package examples holds small, realistic serverless functions that freshen
// works on. They are ordinary code: nothing in them knows about freshen
// except that each mounts the fr/frhttp trigger endpoint; freshen-gen fix
// adds the rest.
//
// pipeline/ is a three-step image pipeline, one function per process, all
// reading from an object store at a constant address:
//
//	validate  fetches the uploaded image and checks it
//	infer     loads a model and its config, classifies the image, stores the result
//	notify    loads alert thresholds and posts a notification
//
// cmd/freshen-demo runs it as a chain (make demo).
package examples
