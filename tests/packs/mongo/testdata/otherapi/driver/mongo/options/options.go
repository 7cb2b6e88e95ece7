// Package options: the client options, as the driver's.
package options

import "go.mongodb.org/mongo-driver/event"

type ClientOptions struct{ Monitor *event.CommandMonitor }

func Client() *ClientOptions { return &ClientOptions{} }

func (c *ClientOptions) SetMonitor(m *event.CommandMonitor) *ClientOptions {
	c.Monitor = m
	return c
}
