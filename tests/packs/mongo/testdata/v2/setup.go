// The v2 client on the driver's test connection (../work.go is the rest).
package main

import (
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/description"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/drivertest"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/mnet"
)

// connect connects a client with opts, deployment among them, to a
// driver.SingleConnectionDeployment of cc, which describes a MongoDB 5.0
// server (wire version 13) with the usual size limits.
func connect(cc *drivertest.ChannelConn, deployment *options.ClientOptions, opts []*options.ClientOptions) (*mongo.Client, error) {
	cc.Desc = description.Server{WireVersion: &description.VersionRange{Max: 13},
		MaxDocumentSize: 16 << 20, MaxMessageSize: 48 << 20, MaxBatchCount: 100000}
	deployment.Deployment = driver.SingleConnectionDeployment{C: mnet.NewConnection(conn{cc})}
	return mongo.Connect(opts...)
}
