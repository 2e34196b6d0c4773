package benchreport

import (
	"math"
	"slices"
)

// Percentile returns the p-th percentile (0..100) of xs by linear
// interpolation between closest ranks, the common definition that gives the
// median for p=50 with an even count. It returns NaN for no samples.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if p <= 0 {
		return s[0]
	}
	if p >= 100 {
		return s[len(s)-1]
	}
	rank := p / 100 * float64(len(s)-1)
	lo := int(math.Floor(rank))
	hi := int(math.Ceil(rank))
	frac := rank - float64(lo)
	return s[lo] + (s[hi]-s[lo])*frac
}

// MedianInt returns the median of integer samples, rounded down; ok is
// false when there are none.
func MedianInt(xs []int) (int, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	f := make([]float64, len(xs))
	for i, x := range xs {
		f[i] = float64(x)
	}
	return int(Percentile(f, 50)), true
}
