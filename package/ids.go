package packaging

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
)

// uuidV5 is RFC 9562 UUID version 5 (SHA-1, name-based).
func uuidV5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func formatUUID(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// nsURL is the RFC 9562 URL namespace; idNamespace, derived from it, is connector-check's.
var (
	nsURL       = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	idNamespace = uuidV5(nsURL, "https://github.com/connector-check/connector-check/package")
)

// guid derives a stable lower-case GUID from parts (connector name, component).
func guid(parts ...string) string {
	return formatUUID(uuidV5(idNamespace, strings.Join(parts, "\x00")))
}

// shortHash is n hex digits of the SHA-1 of s.
func shortHash(s string, n int) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])[:n]
}

// lowerSlug keeps the ASCII letters and digits of s, lower-cased (package-layout.md §2.6).
func lowerSlug(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// pascalSlug joins the ASCII alphanumeric words of s, each capitalised ("Contoso tasks" -> ContosoTasks).
func pascalSlug(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if upper {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			upper = false
		} else {
			upper = true
		}
	}
	return b.String()
}

// flowFileName keeps [A-Za-z0-9_-] of a flow's display name (package-layout.md §3).
func flowFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
