package config

import (
	"path"
	"strconv"
	"strings"
	"testing"
)

// refMatch is the definition of Match written as a search (exponential in the number of **
// segments): every way to split the path between them.
func refMatch(glob, p string) bool {
	g, segs := strings.Split(cleanPath(glob), "/"), strings.Split(cleanPath(p), "/")
	var match func(g, s []string) bool
	match = func(g, s []string) bool {
		for len(g) > 0 {
			if g[0] == "**" {
				for i := 0; i <= len(s); i++ {
					if match(g[1:], s[i:]) {
						return true
					}
				}
				return false
			}
			if len(s) == 0 {
				return false
			}
			if ok, _ := path.Match(g[0], s[0]); !ok {
				return false
			}
			g, s = g[1:], s[1:]
		}
		return len(s) == 0
	}
	for n := len(segs); n > 0; n-- {
		if match(g, segs[:n]) {
			return true
		}
	}
	return false
}

// TestMatchMatchesSearch compares Match with the search on every glob of up to 4 segments and
// every path of up to 4 segments over a small alphabet.
func TestMatchMatchesSearch(t *testing.T) {
	globSegs := []string{"**", "*", "a", "b", "?", "a*", ""}
	pathSegs := []string{"a", "b", "ab", ""}
	var globs, paths []string
	var gen func(prefix []string, alphabet []string, depth int, out *[]string)
	gen = func(prefix []string, alphabet []string, depth int, out *[]string) {
		if len(prefix) > 0 {
			*out = append(*out, strings.Join(prefix, "/"))
		}
		if depth == 0 {
			return
		}
		for _, s := range alphabet {
			gen(append(prefix[:len(prefix):len(prefix)], s), alphabet, depth-1, out)
		}
	}
	gen(nil, globSegs, 4, &globs)
	gen(nil, pathSegs, 4, &paths)
	for _, g := range globs {
		for _, p := range paths {
			if got, want := Match(g, p), refMatch(g, p); got != want {
				t.Fatalf("Match(%q, %q) = %v, search says %v", g, p, got, want)
			}
		}
	}
}

// TestMatchManyDoubleStars is the configuration attack: 400 ** segments in 1.2 KB took 58 s.
// The answer must be right; the time is BenchmarkMatchDoubleStars's.
func TestMatchManyDoubleStars(t *testing.T) {
	glob := strings.Repeat("**/", 400) + "x"
	p := strings.Repeat("a/", 30) + "b"
	if Match(glob, p) {
		t.Errorf("matched a path without x")
	}
	if !Match(glob, p+"/x/y") {
		t.Errorf("missed x")
	}
}

// BenchmarkMatchDoubleStars fails when the match stops being linear in the number of ** segments.
func BenchmarkMatchDoubleStars(b *testing.B) {
	p := strings.Repeat("a/", 30) + "b"
	perSeg := map[int]float64{}
	for _, n := range []int{100, 200, 400} {
		glob := strings.Repeat("**/", n) + "x"
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				Match(glob, p)
			}
			perSeg[n] = float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
		})
	}
	checkLinear(b, perSeg)
}

// checkLinear fails the benchmark when the cost per unit of input at the largest size is more than
// 10% above the smallest size's.
func checkLinear(b *testing.B, perUnit map[int]float64) {
	b.Helper()
	lo, hi := -1, -1
	for n := range perUnit {
		if lo < 0 || n < lo {
			lo = n
		}
		if n > hi {
			hi = n
		}
	}
	if lo < 0 || perUnit[lo] == 0 {
		return
	}
	if r := perUnit[hi] / perUnit[lo]; r > 1.10 {
		b.Fatalf("not linear: %.1f ns per unit at %d, %.1f at %d (x%.2f)", perUnit[lo], lo, perUnit[hi], hi, r)
	}
}

// FuzzMatch compares Match with the search (kept small: the search is exponential).
func FuzzMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"certified-connectors/*", "certified-connectors/Foo/readme.md"}, {"**/readme.md", "a/b/readme.md"},
		{"a/**/c", "a/x/y/c/d"}, {"./a/**", "a"}, {"[a-", "a"}, {"**/**/*.json", "x.json"}, {"a\\*", "a*"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, glob, p string) {
		if strings.Count(glob, "/") > 8 || strings.Count(p, "/") > 8 || len(glob) > 200 || len(p) > 200 {
			return
		}
		if got, want := Match(glob, p), refMatch(glob, p); got != want {
			t.Fatalf("Match(%q, %q) = %v, search says %v", glob, p, got, want)
		}
	})
}
