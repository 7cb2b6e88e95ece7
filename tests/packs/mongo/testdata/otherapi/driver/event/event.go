// Package event: command events of another shape than the driver's (no
// ConnectionID, no RequestID).
package event

import "context"

type CommandStartedEvent struct{ CommandName string }

type CommandSucceededEvent struct{ CommandName string }

type CommandFailedEvent struct{ CommandName string }

type CommandMonitor struct {
	Started   func(context.Context, *CommandStartedEvent)
	Succeeded func(context.Context, *CommandSucceededEvent)
	Failed    func(context.Context, *CommandFailedEvent)
}
