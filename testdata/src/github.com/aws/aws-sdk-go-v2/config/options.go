package config

// LoadOptionsFunc is a functional option of LoadDefaultConfig.
type LoadOptionsFunc func(*LoadOptions) error

// WithRegion sets the region to load.
func WithRegion(v string) LoadOptionsFunc {
	return func(o *LoadOptions) error {
		o.Region = v
		return nil
	}
}
