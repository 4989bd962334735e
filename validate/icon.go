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

const (
	iconMaxBytes = 1 << 20 // certification limit (SEC 5000.2.1.2)
	iconSide     = 230     // the certification guideline's square
	// iconMaxDecode bounds what is fully decoded for the corner check: the header's dimensions
	// are read first, so a small file claiming a huge image never allocates its pixels.
	iconMaxDecode = 4096
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

var iconNotAllowed = newRule(Rule{
	ID: "IconNotAllowed", Severity: Error, Kinds: IndependentPublisher, Section: "13",
	Summary: "An independent publisher's folder has an icon.png (or any icon.*); Microsoft applies a generic icon.",
	Basis:   BasisProcess, BasisReason: "pull-request checklist: independent publishers submit no icon; Microsoft applies a generic one",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: IconName, Pointer: "-", Edits: []Edit{
			{File: IconName, Gen: "png:230x230"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var iconFormatInvalid = newRule(Rule{
	ID: "IconFormatInvalid", Severity: Error, Kinds: Certified, Section: "13", Policy: "5000.2.1.3",
	Summary: "The certified icon lacks the PNG signature, can't be decoded, or is named other than icon.png (icon.jpg).",
	Basis:   BasisRejected, BasisReason: "the certification package needs a PNG icon",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "icon.jpg", Pointer: "-", Edits: []Edit{
			{File: "icon.jpg", New: "\xff\xd8\xff\xe0 JFIF"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: IconName, Gen: "png:230x230"},
		}},
	},
})

var iconDimensionsInvalid = newRule(Rule{
	ID: "IconDimensionsInvalid", Severity: Warning, Kinds: Certified, Section: "13", New: Error, Policy: "5000.2.1.4",
	Summary: "The certified icon isn't square (error for a new submission) or is square but not 230 x 230 (warning).",
	Basis:   BasisListing, BasisReason: "icon policy for certified connectors",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: IconName, Pointer: "-", Edits: []Edit{
			{File: IconName, Gen: "png:400x300"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: IconName, Gen: "png:230x230"},
		}},
	},
})

var iconTooLarge = newRule(Rule{
	ID: "IconTooLarge", Severity: Error, Kinds: Certified, Section: "13", Policy: "5000.2.1.2",
	Summary: "The certified icon is over 1 MiB.",
	Basis:   BasisRejected, BasisReason: "certification policy 5000.2.1.2: icons up to 1 MB",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: IconName, Pointer: "-", Edits: []Edit{
			{File: IconName, Gen: "png:230x230"},
			{File: IconName, Gen: "repeat:1048576", New: "\x00"}, // e.g. metadata after the image
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: IconName, Gen: "png:230x230"},
		}},
	},
})

// checkIcon runs the §13 icon rules: an independent publisher's folder has no icon (Microsoft
// applies the generic one); a certified connector's icon.png must be a PNG, square (230 x 230),
// at most 1 MiB, with an opaque background in the brand color.
func checkIcon(p *pass) {
	c := p.c
	for _, e := range c.Entries {
		if e.IsDir || !strings.HasPrefix(strings.ToLower(e.Name), "icon.") {
			continue
		}
		switch c.Kind {
		case IndependentPublisher:
			p.report(iconNotAllowed, whole(c.FilePath(e.Name)),
				"%q: independent-publisher connectors have no icon (Microsoft applies the generic one); remove it and keep iconBrandColor %q", e.Name, ipBrandColor)
		case Certified:
			if !strings.EqualFold(e.Name, IconName) {
				p.report(iconFormatInvalid, whole(c.FilePath(e.Name)),
					"%q: the icon must be a PNG named %s; convert it and rename it", e.Name, IconName)
			}
		}
	}
	if c.Kind != Certified || c.Icon == nil || c.Icon.ReadErr != nil {
		return
	}
	f := c.Icon
	if f.TooLarge || len(f.Data) > iconMaxBytes {
		p.report(iconTooLarge, whole(f.Path), "%s is over 1 MiB (1,048,576 bytes); export it smaller (a 230 x 230 PNG is a few KB)", f.Name)
		if f.TooLarge {
			return
		}
	}
	if !bytes.HasPrefix(f.Data, pngSignature) {
		p.report(iconFormatInvalid, whole(f.Path), "%s isn't a PNG (no PNG signature); export the icon as PNG", f.Name)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(f.Data))
	if err != nil {
		p.report(iconFormatInvalid, whole(f.Path), "%s is not a readable PNG (%v); export it again as PNG", f.Name, err)
		return
	}
	switch {
	case cfg.Width != cfg.Height:
		p.report(iconDimensionsInvalid, whole(f.Path),
			"%s is %d x %d pixels; the icon must be square: 230 x 230, with the logo about 160 px wide", f.Name, cfg.Width, cfg.Height)
	case cfg.Width != iconSide:
		p.reportAs(iconDimensionsInvalid, Warning, whole(f.Path),
			"%s is %d x %d pixels; the certification guideline asks for 230 x 230 with the logo about 160 px wide", f.Name, cfg.Width, cfg.Height)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > iconMaxDecode || cfg.Height > iconMaxDecode {
		return
	}
	img, err := png.Decode(bytes.NewReader(f.Data))
	if err != nil {
		p.report(iconFormatInvalid, whole(f.Path), "%s is not a readable PNG (%v); export it again as PNG", f.Name, err)
		return
	}
	checkIconCorners(p, f, img)
}

var iconBackgroundInvalid = newRule(Rule{
	ID: "IconBackgroundInvalid", Severity: Warning, Kinds: Certified, Section: "13", New: Error,
	Summary: "A corner pixel is transparent, white or the default #007ee5 (error), or more than an RGB distance of 32 from iconBrandColor (warning).",
	Basis:   BasisListing, BasisReason: "icon policy for certified connectors",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: IconName, Pointer: "-", Edits: []Edit{
			{File: IconName, Gen: "png:230x230:#da3b0100"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: IconName, Gen: "png:230x230"},
		}},
	},
})

// checkIconCorners looks at the four corner pixels: the icon is a square filled with the brand
// color, so a transparent, white or default-blue corner is wrong, and a corner far from
// iconBrandColor means the two disagree.
func checkIconCorners(p *pass, f *File, img image.Image) {
	b := img.Bounds()
	corners := []struct {
		name string
		x, y int
	}{
		{"top-left", b.Min.X, b.Min.Y}, {"top-right", b.Max.X - 1, b.Min.Y},
		{"bottom-left", b.Min.X, b.Max.Y - 1}, {"bottom-right", b.Max.X - 1, b.Max.Y - 1},
	}
	for _, k := range corners {
		c := color.NRGBAModel.Convert(img.At(k.x, k.y)).(color.NRGBA)
		hex := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
		switch {
		case c.A < 255:
			p.report(iconBackgroundInvalid, whole(f.Path),
				"the %s corner of %s is transparent (alpha %d); fill the background with the brand color, no rounded corners", k.name, f.Name, c.A)
			return
		case hex == whiteBrandColor || hex == defaultBrandColor:
			p.report(iconBackgroundInvalid, whole(f.Path),
				"the %s corner of %s is %s, which certified icons must not use as background; fill it with your brand color", k.name, f.Name, hex)
			return
		}
	}
	brand, ok := brandColor(p.c)
	if !ok {
		return
	}
	for _, k := range corners {
		c := color.NRGBAModel.Convert(img.At(k.x, k.y)).(color.NRGBA)
		dr, dg, db := int(c.R)-int(brand.R), int(c.G)-int(brand.G), int(c.B)-int(brand.B)
		if dr*dr+dg*dg+db*db > 32*32 {
			p.reportAs(iconBackgroundInvalid, Warning, whole(f.Path),
				"the %s corner of %s is #%02x%02x%02x but iconBrandColor is #%02x%02x%02x; make the icon background and iconBrandColor the same color",
				k.name, f.Name, c.R, c.G, c.B, brand.R, brand.G, brand.B)
			return
		}
	}
}

// brandColor is apiProperties.json's iconBrandColor, when it is a valid #rrggbb color.
func brandColor(c *Connector) (color.NRGBA, bool) {
	_, props := apiProperties(c)
	s, ok := props.Get("iconBrandColor").Str()
	if !ok || !hexColor.MatchString(s) {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, true
}
