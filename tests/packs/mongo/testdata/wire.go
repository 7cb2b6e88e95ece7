// The other end of the driver's drivertest.ChannelConn, shared by the v1
// and v2 programs (each folder links this file): every OP_MSG the driver
// writes arrives on a channel and is answered with an OP_MSG whose
// document the program's reply function makes from the command. No server
// and no socket: the driver runs its real operation, wire-message and
// command-monitoring code against a connection of its own test package.
package main

import "encoding/binary"

const opMsg = 2013

// serve answers every message written to written, until it is closed.
func serve(written <-chan []byte, replies chan<- []byte, reply func(command []byte) []byte) {
	for wm := range written {
		id, body, ok := parseMsg(wm)
		if !ok {
			panic("not an OP_MSG with a body")
		}
		replies <- makeMsg(id, reply(body))
	}
}

// parseMsg returns an OP_MSG's request ID and its body (the document of
// its kind 0 section; kind 1 sections carry the documents of an insert).
func parseMsg(wm []byte) (requestID int32, body []byte, ok bool) {
	if len(wm) < 21 || binary.LittleEndian.Uint32(wm[12:]) != opMsg {
		return 0, nil, false
	}
	requestID = int32(binary.LittleEndian.Uint32(wm[4:]))
	for rest := wm[20:]; len(rest) >= 5; {
		kind, n := rest[0], int(binary.LittleEndian.Uint32(rest[1:]))
		if n < 4 || 1+n > len(rest) {
			break
		}
		if kind == 0 {
			return requestID, rest[1 : 1+n], true
		}
		rest = rest[1+n:]
	}
	return 0, nil, false
}

// makeMsg is an OP_MSG reply to request responseTo carrying doc.
func makeMsg(responseTo int32, doc []byte) []byte {
	wm := make([]byte, 21, 21+len(doc))
	binary.LittleEndian.PutUint32(wm[0:], uint32(len(wm)+len(doc)))
	binary.LittleEndian.PutUint32(wm[4:], uint32(responseTo)+1000000)
	binary.LittleEndian.PutUint32(wm[8:], uint32(responseTo))
	binary.LittleEndian.PutUint32(wm[12:], opMsg)
	// flags (16:20) and the section kind (20) are 0
	return append(wm, doc...)
}
