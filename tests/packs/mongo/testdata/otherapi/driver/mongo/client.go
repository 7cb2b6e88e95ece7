// Package mongo: NewClient with the driver's signature.
package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/event"
	"go.mongodb.org/mongo-driver/mongo/options"
)

type Client struct{ monitor *event.CommandMonitor }

func NewClient(opts ...*options.ClientOptions) (*Client, error) {
	c := &Client{}
	for _, o := range opts {
		if o != nil && o.Monitor != nil {
			c.monitor = o.Monitor
		}
	}
	if c.monitor != nil && c.monitor.Started != nil {
		c.monitor.Started(context.Background(), &event.CommandStartedEvent{CommandName: "ping"})
	}
	return c, nil
}
