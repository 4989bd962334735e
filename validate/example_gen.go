package validate

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
)

// Generated edits: input an edit can't write literally (a binary icon, a file over 1 MiB,
// hundreds of operations) is made by a generator that Edit.Gen names, and docs/rules.md shows a
// short description of it instead of the text.
//
//   - "png:WxH" draws a W x H PNG filled with the good connector's brand color (#da3b01);
//     "png:WxH:#rrggbbaa" with that color (alpha aa). Its centre pixel differs, so that only the
//     corners show the background.
//   - "repeat:N" is New repeated N times, "%d" in it standing for 0, 1, ... N-1.
type generator struct {
	make func(arg, new string) (string, error)
	// show is what the docs show in place of the generated text.
	show func(arg, new string) string
}

var generators = map[string]generator{
	"png":    {make: genPNG, show: showPNG},
	"repeat": {make: genRepeat, show: showRepeat},
}

// generate is the text of a generated edit, or what the docs show of it (show).
func (e Edit) generate(show bool) (string, error) {
	name, arg, _ := strings.Cut(e.Gen, ":")
	g, ok := generators[name]
	if !ok {
		return "", fmt.Errorf("edit of %s: no generator %q", e.File, e.Gen)
	}
	if _, err := g.make(arg, e.New); err != nil {
		return "", fmt.Errorf("edit of %s: %s: %v", e.File, e.Gen, err)
	}
	if show {
		return g.show(arg, e.New), nil
	}
	return g.make(arg, e.New)
}

// pngArgs parses "WxH" or "WxH:#rrggbbaa".
func pngArgs(arg string) (w, h int, fill color.NRGBA, err error) {
	size, col, _ := strings.Cut(arg, ":")
	ws, hs, ok := strings.Cut(size, "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w < 1 || h < 1 || w > 4096 || h > 4096 {
		return 0, 0, fill, fmt.Errorf("want WxH (1 to 4096 pixels), got %q", size)
	}
	if col == "" {
		col = ipBrandColor + "ff"
	}
	v, err := strconv.ParseUint(strings.TrimPrefix(col, "#"), 16, 32)
	if err != nil || len(col) != 9 || col[0] != '#' {
		return 0, 0, fill, fmt.Errorf("want a color #rrggbbaa, got %q", col)
	}
	return w, h, color.NRGBA{R: uint8(v >> 24), G: uint8(v >> 16), B: uint8(v >> 8), A: uint8(v)}, nil
}

func genPNG(arg, _ string) (string, error) {
	w, h, fill, err := pngArgs(arg)
	if err != nil {
		return "", err
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, fill)
		}
	}
	img.SetNRGBA(w/2, h/2, color.NRGBA{R: 1, G: 2, B: 3, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func showPNG(arg, _ string) string {
	w, h, fill, _ := pngArgs(arg)
	bg := fmt.Sprintf("#%02x%02x%02x", fill.R, fill.G, fill.B)
	switch fill.A {
	case 255:
	case 0:
		bg = "transparent"
	default:
		bg += fmt.Sprintf(", alpha %d", fill.A)
	}
	return fmt.Sprintf("(%d×%d PNG, background %s)", w, h, bg)
}

func repeatCount(arg string) (int, error) {
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 || n > 1<<21 {
		return 0, fmt.Errorf("want a count from 1 to %d, got %q", 1<<21, arg)
	}
	return n, nil
}

func genRepeat(arg, new string) (string, error) {
	n, err := repeatCount(arg)
	if err != nil {
		return "", err
	}
	if !strings.Contains(new, "%d") {
		return strings.Repeat(new, n), nil
	}
	var sb strings.Builder
	for i := range n {
		sb.WriteString(strings.ReplaceAll(new, "%d", strconv.Itoa(i)))
	}
	return sb.String(), nil
}

func showRepeat(arg, new string) string {
	n, _ := repeatCount(arg)
	if !strings.Contains(new, "%d") {
		if size := n * len(new); size >= 1<<20 {
			return fmt.Sprintf("(%.1f MiB: %d × %q)", float64(size)/(1<<20), n, new)
		}
		return fmt.Sprintf("(%d × %q)", n, new)
	}
	first := strings.ReplaceAll(new, "%d", "0")
	show := strings.TrimRight(first, " ") + fmt.Sprintf(" … (%d like it, numbered 0 to %d)", n, n-1)
	if strings.HasSuffix(first, " ") {
		show += " "
	}
	return show
}
