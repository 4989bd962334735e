package validate

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// pngIcon draws a w x h PNG filled with fill, with a differently colored centre so the corners
// are what the rule looks at.
func pngIcon(w, h int, fill color.NRGBA) string {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, fill)
		}
	}
	img.SetNRGBA(w/2, h/2, color.NRGBA{R: 1, G: 2, B: 3, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.String()
}

var (
	brandBlue   = color.NRGBA{R: 0x4f, G: 0x6b, B: 0xed, A: 255} // #4f6bed, a certified brand color
	certBrand   = propertiesEdit("#da3b01", "#4f6bed")
	goodIcon    = pngIcon(230, 230, brandBlue)
	certWithIcn = func(icon string) func(t *testing.T) map[string]string {
		return func(t *testing.T) map[string]string {
			m := certBrand(t)
			m[IconName] = icon
			return m
		}
	}
)

var layoutCases = []ruleCase{
	{rule: "ExtraFileInConnectorFolder", name: "second swagger", kind: IP, files: files("Contoso-Tasks.swagger.json", goodSwagger), fire: true, at: "Contoso-Tasks.swagger.json", ptr: "-"},
	{rule: "ExtraFileInConnectorFolder", name: "second package zip", kind: IP, files: files("a.zip", "PK", "b.zip", "PK"), fire: true, at: "b.zip", ptr: "-"},
	{rule: "ExtraFileInConnectorFolder", name: "settings.json in custom is fine, in certified it is another rule's", kind: CU, files: files(SettingsName, "{}", IconName, goodIcon, ScriptName, "")},
	{rule: "ExtraFileInConnectorFolder", name: "certified intro and icon", kind: C, files: certWithIcn(goodIcon)},
	{rule: "ExtraFileInConnectorFolder", name: "misspelled names are FileNameMisspelled's", kind: IP, files: files("Script.cs", "x", "apiDefination.swagger.json", goodSwagger)},
	{rule: "ExtraFileInConnectorFolder", name: "IP icon is IconNotAllowed's", kind: IP, files: files("icon.jpg", "x")},

	{rule: "IconNotAllowed", name: "IP icon.png", kind: IP, files: files(IconName, goodIcon), fire: true, at: IconName, ptr: "-"},
	{rule: "IconNotAllowed", name: "IP Icon.svg", kind: IP, files: files("Icon.svg", "<svg/>"), fire: true, at: "Icon.svg", ptr: "-"},
	{rule: "IconNotAllowed", name: "certified may", kind: C, files: certWithIcn(goodIcon)},

	{rule: "IconFormatInvalid", name: "JPEG bytes", kind: C, files: certWithIcn("\xff\xd8\xff\xe0 JFIF"), fire: true, at: IconName, ptr: "-"},
	{rule: "IconFormatInvalid", name: "icon.jpg", kind: C, files: files("icon.jpg", "\xff\xd8"), fire: true, at: "icon.jpg", ptr: "-"},
	{rule: "IconFormatInvalid", name: "truncated PNG", kind: C, files: certWithIcn(goodIcon[:40]), fire: true, at: IconName, ptr: "-"},
	{rule: "IconFormatInvalid", name: "PNG", kind: C, files: certWithIcn(goodIcon)},

	{rule: "IconDimensionsInvalid", name: "not square", kind: C, files: certWithIcn(pngIcon(230, 200, brandBlue)), fire: true, at: IconName, ptr: "-", sev: Warning},
	{rule: "IconDimensionsInvalid", name: "not square, new: error", kind: C, isNew: true, files: certWithIcn(pngIcon(230, 200, brandBlue)), fire: true, at: IconName, ptr: "-", sev: Error},
	{rule: "IconDimensionsInvalid", name: "square 400", kind: C, files: certWithIcn(pngIcon(400, 400, brandBlue)), fire: true, at: IconName, ptr: "-", sev: Warning},
	{rule: "IconDimensionsInvalid", name: "230", kind: C, files: certWithIcn(goodIcon)},
	{rule: "IconDimensionsInvalid", name: "huge header is not decoded", kind: C, files: certWithIcn(hugePNGHeader()), fire: true, at: IconName, ptr: "-", sev: Warning},

	{rule: "IconTooLarge", name: "over 1 MiB", kind: C, files: certWithIcn(goodIcon + strings.Repeat("\x00", 1<<20)), fire: true, at: IconName, ptr: "-"},
	{rule: "IconTooLarge", name: "small", kind: C, files: certWithIcn(goodIcon)},

	{rule: "IconBackgroundInvalid", name: "transparent corners: published, warning", kind: C, files: certWithIcn(pngIcon(230, 230, color.NRGBA{R: 0x4f, G: 0x6b, B: 0xed, A: 0})), fire: true, at: IconName, ptr: "-", sev: Warning},
	{rule: "IconBackgroundInvalid", name: "transparent corners: new, error", kind: C, isNew: true, files: certWithIcn(pngIcon(230, 230, color.NRGBA{R: 0x4f, G: 0x6b, B: 0xed, A: 0})), fire: true, at: IconName, ptr: "-", sev: Error},
	{rule: "IconBackgroundInvalid", name: "white: new, error", kind: C, isNew: true, files: certWithIcn(pngIcon(230, 230, color.NRGBA{R: 255, G: 255, B: 255, A: 255})), fire: true, at: IconName, ptr: "-", sev: Error},
	{rule: "IconBackgroundInvalid", name: "far from the brand color", kind: C, files: certWithIcn(pngIcon(230, 230, color.NRGBA{R: 0x20, G: 0xa0, B: 0x40, A: 255})), fire: true, at: IconName, ptr: "-", sev: Warning},
	{rule: "IconBackgroundInvalid", name: "brand color", kind: C, files: certWithIcn(goodIcon)},
	{rule: "IconBackgroundInvalid", name: "near the brand color", kind: C, files: certWithIcn(pngIcon(230, 230, color.NRGBA{R: 0x50, G: 0x70, B: 0xe0, A: 255}))},
}

// hugePNGHeader is a PNG signature and IHDR claiming 100000 x 100000 pixels with no image data:
// the rules must read the dimensions and never allocate the pixels.
func hugePNGHeader() string {
	var buf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	// IHDR data starts after the signature (8), length (4) and type (4): width, height big-endian.
	for _, off := range []int{16, 20} {
		b[off], b[off+1], b[off+2], b[off+3] = 0, 0x01, 0x86, 0xa0
	}
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29])) // IHDR type and data
	return string(b)
}
