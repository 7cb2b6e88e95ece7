// The v1 client on the driver's test connection (../work.go is the rest).
package main

import (
	"context"
	"reflect"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.mongodb.org/mongo-driver/x/mongo/driver"
	"go.mongodb.org/mongo-driver/x/mongo/driver/drivertest"
)

// connect connects a client with opts, deployment among them, to a
// driver.SingleConnectionDeployment of cc, which describes a MongoDB 5.0
// server (wire version 13: commands go as OP_MSG) with the usual size
// limits. The package that declares description.Server moved within v1
// (x/mongo/driver/description, then mongo/description): its fields are set
// without naming it.
func connect(cc *drivertest.ChannelConn, deployment *options.ClientOptions, opts []*options.ClientOptions) (*mongo.Client, error) {
	desc := reflect.ValueOf(&cc.Desc).Elem()
	wv := desc.FieldByName("WireVersion")
	wv.Set(reflect.New(wv.Type().Elem()))
	wv.Elem().FieldByName("Max").SetInt(13)
	desc.FieldByName("MaxDocumentSize").SetUint(16 << 20)
	desc.FieldByName("MaxMessageSize").SetUint(48 << 20)
	desc.FieldByName("MaxBatchCount").SetUint(100000)
	deployment.Deployment = driver.SingleConnectionDeployment{C: conn{cc}}
	return mongo.Connect(context.Background(), opts...)
}
