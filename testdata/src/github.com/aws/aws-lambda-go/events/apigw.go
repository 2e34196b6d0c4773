// Package events is a test stub with the real API's signatures.
package events

// APIGatewayProxyRequest is an API Gateway proxy event.
type APIGatewayProxyRequest struct {
	Path                  string
	Body                  string
	PathParameters        map[string]string
	QueryStringParameters map[string]string
}

// APIGatewayProxyResponse is the reply to it.
type APIGatewayProxyResponse struct {
	StatusCode int
	Body       string
}
