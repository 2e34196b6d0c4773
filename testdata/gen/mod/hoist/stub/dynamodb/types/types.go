// Package types holds the DynamoDB data types of the stand-in client.
package types

// AttributeValue is an item attribute.
type AttributeValue interface {
	isAttributeValue()
}

// AttributeValueMemberS is a string attribute.
type AttributeValueMemberS struct {
	Value string
}

func (*AttributeValueMemberS) isAttributeValue() {}
