package jsonpos

import (
	"bytes"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// Arena is memory for the trees of documents parsed one after another: their nodes, member and
// item lists, decoder and the builder's stacks, and the bytes of files (Bytes), reused once the
// trees are done with. A sweep of the published repository parses about 3,000 files, and their
// trees were most of what it allocated: the collector's work and the page faults of fresh memory
// grew with them. A Document parsed with an arena (ParseIn) is valid until the arena's Reset. The
// strings of a tree (values and names) share the bytes it was parsed from where they hold no
// escapes: they are valid as long as those bytes are, which for bytes from Bytes is until Reset.
// The zero value is ready to use; an Arena is not safe for concurrent use.
type Arena struct {
	nodes   chunks[Node]
	members chunks[Member]
	items   chunks[*Node]
	dec     *jsontext.Decoder
	// the builder's stacks, kept with their capacity
	memberStack []Member
	itemStack   []*Node
	pathStack   []pathElem
	// file bytes: one slab reused from connector to connector
	slab     []byte
	slabUsed int
	apart    [][]byte // files Bytes allocated on their own since the last Reset
}

// fileSlabSize is the memory an arena keeps for file bytes: the files of most connectors fit in it
// (a larger file is allocated on its own and not kept).
const fileSlabSize = 4 << 20

// Bytes returns n bytes (not zeroed) that stay valid until Reset: the bytes of a connector's
// files live here, so that reading the next connector touches the same memory rather than new
// pages. Nothing made from them may outlive the connector (findings hold copies).
func (a *Arena) Bytes(n int) []byte {
	if a.slab == nil {
		a.slab = make([]byte, fileSlabSize)
	}
	if n > len(a.slab)-a.slabUsed {
		b := make([]byte, n)
		a.apart = append(a.apart, b)
		return b
	}
	b := a.slab[a.slabUsed : a.slabUsed+n : a.slabUsed+n]
	a.slabUsed += n
	return b
}

// Owns reports whether s shares memory with file bytes Bytes handed out since the last Reset:
// the slab, which the next connector's files overwrite, and the files too large for it, which a
// string cut from them would keep alive whole. A string made anywhere else (copied, built) is
// not owned.
func (a *Arena) Owns(s string) bool {
	if len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	in := func(b []byte) bool {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		return len(b) > 0 && lo <= p && p < lo+uintptr(len(b))
	}
	if in(a.slab) {
		return true
	}
	for _, b := range a.apart {
		if in(b) {
			return true
		}
	}
	return false
}

// Reset makes the arena's memory available again; every Document parsed with it is invalid from
// then on.
func (a *Arena) Reset() {
	a.slabUsed = 0
	clear(a.apart)
	a.apart = a.apart[:0]
	a.nodes.reset()
	a.members.reset()
	a.items.reset()
	a.memberStack = reuse(a.memberStack)
	a.itemStack = reuse(a.itemStack)
	a.pathStack = reuse(a.pathStack)
}

// reuse is a cleared stack to keep, or nil when it grew past what a real file needs (a hostile
// array of a million items is not cleared again for every later connector).
func reuse[T any](s []T) []T {
	if cap(s) > 1<<16 {
		return nil
	}
	clear(s[:cap(s)])
	return s[:0]
}

// decoder is the arena's decoder, reset to read buf.
func (a *Arena) decoder(buf []byte) *jsontext.Decoder {
	if a.dec == nil {
		a.dec = jsontext.NewDecoder(bytes.NewBuffer(buf), decoderOptions...)
	} else {
		a.dec.Reset(bytes.NewBuffer(buf), decoderOptions...)
	}
	return a.dec
}

var decoderOptions = []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}

// chunkLen is how many elements one chunk of an arena holds; a larger request is allocated on
// its own and not kept.
const chunkLen = 2048

// chunks hands out zeroed slices from a list of fixed-size chunks.
type chunks[T any] struct {
	list [][]T
	cur  int // the chunk being used; those before it are full
	used int // elements of list[cur] handed out
}

// take is a zeroed slice of n elements with no room to append into its neighbours.
func (c *chunks[T]) take(n int) []T {
	if n > chunkLen {
		return make([]T, n)
	}
	if len(c.list) == 0 || c.used+n > chunkLen {
		if len(c.list) > 0 {
			c.cur++
		}
		if c.cur == len(c.list) {
			c.list = append(c.list, make([]T, chunkLen))
		}
		c.used = 0
	}
	s := c.list[c.cur][c.used : c.used+n : c.used+n]
	c.used += n
	return s
}

// reset clears what was handed out (nothing it points to stays reachable) for use again.
func (c *chunks[T]) reset() {
	if len(c.list) == 0 {
		return
	}
	for i := range c.cur {
		clear(c.list[i])
	}
	clear(c.list[c.cur][:c.used])
	c.cur, c.used = 0, 0
}
