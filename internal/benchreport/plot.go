package benchreport

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Location colours follow the paper's Figure 4: local green, edge purple,
// remote blue.
var locationColor = map[string]color.Color{
	"local":  color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	"edge":   color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff},
	"remote": color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
}

var variantColor = map[string]color.Color{
	Cold:     color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
	Idle:     color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff},
	Warmed:   color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
	Provider: color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	Floor:    color.Gray{Y: 0x40},
}

// minPlotted keeps sub-microsecond floors visible on a log axis.
const minPlotted = 1e-4

// Plots writes retrieval.png and send-<location>.png into dir and returns
// the paths written.
func Plots(rows []Row, dir string) ([]string, error) {
	var written []string
	if len(Sizes(rows, Retrieval)) > 0 {
		p := newLogPlot("File retrieval (Fig. 4): connect to last byte", Sizes(rows, Retrieval))
		for _, loc := range Locations(rows, Retrieval) {
			for _, v := range []struct {
				variant string
				dashes  []vg.Length
			}{
				{Cold, nil},
				{Freshened, []vg.Length{vg.Points(6), vg.Points(3)}},
				{Floor, []vg.Length{vg.Points(1), vg.Points(3)}},
			} {
				if err := addSeries(p, rows, Retrieval, loc, v.variant, "", locationColor[loc], v.dashes,
					fmt.Sprintf("%s %s", loc, v.variant)); err != nil {
					return written, err
				}
			}
		}
		padLog(p)
		path := filepath.Join(dir, "retrieval.png")
		if err := p.Save(8*vg.Inch, 5.5*vg.Inch, path); err != nil {
			return written, fmt.Errorf("save %s: %w", path, err)
		}
		written = append(written, path)
	}
	for _, loc := range Locations(rows, Send) {
		p := newLogPlot(fmt.Sprintf("Send to %s (Figs. 5–6): send to completion reply", loc), Sizes(rows, Send))
		for _, v := range []string{Cold, Idle, Warmed, Provider, Floor} {
			var dashes []vg.Length
			if v == Floor {
				dashes = []vg.Length{vg.Points(1), vg.Points(3)}
			}
			label := v + " (CUBIC)"
			if v == Floor {
				label = "floor: RTT + size/rate"
			}
			if err := addSeries(p, rows, Send, loc, v, "", variantColor[v], dashes, label); err != nil {
				return written, err
			}
		}
		for _, v := range []string{Idle, Warmed} {
			if err := addSeries(p, rows, Send, loc, v, "bbr", variantColor[v],
				[]vg.Length{vg.Points(6), vg.Points(3)}, v+" (BBR)"); err != nil {
				return written, err
			}
		}
		padLog(p)
		path := filepath.Join(dir, "send-"+loc+".png")
		if err := p.Save(8*vg.Inch, 5.5*vg.Inch, path); err != nil {
			return written, fmt.Errorf("save %s: %w", path, err)
		}
		written = append(written, path)
	}
	return written, nil
}

func newLogPlot(title string, sizes []int64) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "size"
	p.Y.Label.Text = "time (ms, log scale)"
	p.X.Scale = plot.LogScale{}
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	ticks := make(plot.ConstantTicks, len(sizes))
	for i, s := range sizes {
		ticks[i] = plot.Tick{Value: float64(s), Label: HumanSize(s)}
	}
	p.X.Tick.Marker = ticks
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	return p
}

func addSeries(p *plot.Plot, rows []Row, exp, loc, variant, cc string, c color.Color, dashes []vg.Length, label string) error {
	var xys plotter.XYs
	for _, size := range Sizes(rows, exp) {
		r, ok := Find(rows, exp, loc, size, variant, cc)
		if !ok || math.IsNaN(r.P50) {
			continue
		}
		xys = append(xys, plotter.XY{X: float64(size), Y: math.Max(r.P50, minPlotted)})
	}
	if len(xys) == 0 {
		return nil
	}
	line, points, err := plotter.NewLinePoints(xys)
	if err != nil {
		return fmt.Errorf("plot %s %s %s: %w", exp, loc, variant, err)
	}
	line.Color = c
	line.Width = vg.Points(1.5)
	line.Dashes = dashes
	points.Color = c
	points.Shape = draw.CircleGlyph{}
	p.Add(line, points)
	p.Legend.Add(label, line, points)
	return nil
}

// padLog widens both log axes by a factor of two around the data, so a
// single point or a flat series still has a positive, non-empty range.
func padLog(p *plot.Plot) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		lo, hi := math.Max(a.Min, minPlotted), math.Max(a.Max, minPlotted)
		a.Min, a.Max = lo/2, hi*2
	}
}
