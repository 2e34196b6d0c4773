// Package metadata is a test stub with the real API's signatures.
package metadata

// ClientInfo describes a service client.
type ClientInfo struct {
	ServiceName, ServiceID, APIVersion, PartitionID, Endpoint, SigningName, SigningRegion, JSONVersion, TargetPrefix, ResolvedRegion string
}
