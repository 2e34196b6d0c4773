package trigger

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendJSON appends rep as JSON to b and returns the extended buffer:
// the bytes json.Marshal writes for rep, without reflection, for triggers
// that answer every request with a report.
func (rep Report) AppendJSON(b []byte) []byte {
	b = append(b, `{"handlers":`...)
	if rep.Handlers == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range rep.Handlers {
			if i > 0 {
				b = append(b, ',')
			}
			b = rep.Handlers[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"duration_ms":`...)
	b = rep.Duration.appendJSON(b)
	return append(b, '}')
}

func (h *HandlerReport) appendJSON(b []byte) []byte {
	b = append(b, `{"handler":`...)
	b = appendString(b, h.Handler)
	b = append(b, `,"status":`...)
	b = appendString(b, h.Status)
	if h.Reason != "" {
		b = append(b, `,"reason":`...)
		b = appendString(b, h.Reason)
	}
	b = append(b, `,"duration_ms":`...)
	b = h.Duration.appendJSON(b)
	if h.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, h.Error)
	}
	if len(h.Entries) > 0 {
		b = append(b, `,"entries":[`...)
		for i := range h.Entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = h.Entries[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func (e *EntryReport) appendJSON(b []byte) []byte {
	b = append(b, `{"index":`...)
	b = strconv.AppendInt(b, int64(e.Index), 10)
	b = append(b, `,"kind":`...)
	b = appendString(b, e.Kind)
	b = append(b, `,"state":`...)
	b = appendString(b, e.State)
	b = append(b, `,"duration_ms":`...)
	b = e.Duration.appendJSON(b)
	if e.Bytes != 0 {
		b = append(b, `,"bytes":`...)
		b = strconv.AppendInt(b, e.Bytes, 10)
	}
	if e.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, e.Error)
	}
	return append(b, '}')
}

func (m Millis) appendJSON(b []byte) []byte {
	return strconv.AppendFloat(b, float64(time.Duration(m))/float64(time.Millisecond), 'f', 3, 64)
}

const hex = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json writes
// it: HTML-sensitive characters, U+2028 and U+2029 escaped, invalid UTF-8
// replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
