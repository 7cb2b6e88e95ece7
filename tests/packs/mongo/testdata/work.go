// A program that runs MongoDB commands of every kind through the driver
// inside a span of its own, against the driver's own test connection
// (drivertest.ChannelConn, made a deployment in setup.go) whose replies
// wire.go makes: no server. It prints what its
// own command monitor saw, so a run with orch must print what a run
// without it prints.
//
// One source for both major versions: this file is written against v1's
// import paths, and test_mongo.py puts /v2 in them for testdata/v2 (whose
// setup.go is its own). Argument: where the program's monitor is set:
// "first" (in the first of two options), "last" (in options after the
// deployment's and a nil), "none".
package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/event"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.mongodb.org/mongo-driver/x/mongo/driver/drivertest"
)

// conn is the driver's test connection with an ID of the form the driver
// gives its pooled connections ("host:port[-N]"), the only place a
// command event names the server.
type conn struct{ *drivertest.ChannelConn }

func (conn) ID() string { return "mongo.test:27018[-1]" }

func main() {
	mon, seen := monitor()
	var opts []*options.ClientOptions
	deployment := options.Client()
	switch os.Args[1] {
	case "first":
		opts = []*options.ClientOptions{deployment.SetMonitor(mon), options.Client().SetAppName("orch-test")}
	case "last":
		opts = []*options.ClientOptions{deployment, nil, options.Client().SetMonitor(mon)}
	default:
		opts = []*options.ClientOptions{deployment}
	}
	cc := &drivertest.ChannelConn{Written: make(chan []byte, 1), ReadResp: make(chan []byte, 1), ReadErr: make(chan error)}
	go serve(cc.Written, cc.ReadResp, reply)
	client, err := connect(cc, deployment, opts)
	if err == nil {
		err = work(context.Background(), client)
		client.Disconnect(context.Background())
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println(seen())
	fmt.Println("ok")
}

//orch:span span.name:work
func work(ctx context.Context, client *mongo.Client) error {
	users := client.Database("app").Collection("users")
	if _, err := users.InsertOne(ctx, bson.D{{Key: "name", Value: "ada"}}); err != nil {
		return fmt.Errorf("insert: %v", err)
	}
	var one bson.M
	if err := users.FindOne(ctx, bson.D{{Key: "name", Value: "ada"}}).Decode(&one); err != nil || one["name"] != "ada" {
		return fmt.Errorf("findOne: %v %v", one, err)
	}
	cur, err := users.Find(ctx, bson.D{}, options.Find().SetBatchSize(1))
	if err != nil {
		return fmt.Errorf("find: %v", err)
	}
	var all []bson.M
	if err := cur.All(ctx, &all); err != nil || len(all) != 2 {
		return fmt.Errorf("find all: %v %v", all, err)
	}
	if _, err := users.UpdateOne(ctx, bson.D{}, bson.D{{Key: "$set", Value: bson.D{{Key: "x", Value: 1}}}}); err == nil {
		return fmt.Errorf("update: no error")
	}
	if _, err := client.Database("app").Collection("dups").InsertOne(ctx, bson.D{{Key: "_id", Value: 1}}); err == nil || !strings.Contains(err.Error(), "E11000") {
		return fmt.Errorf("insert dup: %v", err)
	}
	if err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err(); err != nil {
		return fmt.Errorf("ping: %v", err)
	}
	// No span in this context: the goroutine's active span (work) is the parent.
	if n, err := users.CountDocuments(context.Background(), bson.D{}); err != nil || n != 2 {
		return fmt.Errorf("count: %v %v", n, err)
	}
	return nil
}

// reply is the document the fake server answers a command with.
func reply(command []byte) []byte {
	first := bson.Raw(command).Index(0)
	coll, _ := first.Value().StringValueOK()
	var doc bson.D
	switch name := first.Key(); {
	case name == "insert" && coll == "dups":
		doc = bson.D{{Key: "n", Value: 0}, {Key: "writeErrors", Value: bson.A{bson.D{
			{Key: "index", Value: 0}, {Key: "code", Value: 11000}, {Key: "errmsg", Value: "E11000 duplicate key error"}}}}, {Key: "ok", Value: 1}}
	case name == "insert":
		doc = bson.D{{Key: "n", Value: 1}, {Key: "ok", Value: 1}}
	case name == "find" && bson.Raw(command).Lookup("batchSize").Type != 0:
		doc = cursor(77, "firstBatch", "ada")
	case name == "find":
		doc = cursor(0, "firstBatch", "ada")
	case name == "getMore":
		doc = cursor(0, "nextBatch", "bob")
	case name == "aggregate":
		doc = bson.D{{Key: "cursor", Value: bson.D{{Key: "id", Value: int64(0)}, {Key: "ns", Value: "app.users"},
			{Key: "firstBatch", Value: bson.A{bson.D{{Key: "n", Value: 2}}}}}}, {Key: "ok", Value: 1}}
	case name == "update":
		doc = bson.D{{Key: "ok", Value: 0}, {Key: "code", Value: 13}, {Key: "codeName", Value: "Unauthorized"},
			{Key: "errmsg", Value: "not authorized on app to execute command"}}
	default:
		doc = bson.D{{Key: "ok", Value: 1}}
	}
	b, err := bson.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

func cursor(id int64, batch, name string) bson.D {
	return bson.D{{Key: "cursor", Value: bson.D{{Key: "id", Value: id}, {Key: "ns", Value: "app.users"},
		{Key: batch, Value: bson.A{bson.D{{Key: "name", Value: name}}}}}}, {Key: "ok", Value: 1}}
}

// monitor is the program's own command monitor, and what it saw.
func monitor() (*event.CommandMonitor, func() string) {
	var mu sync.Mutex
	var started, succeeded, failed []string
	add := func(to *[]string, name string) {
		mu.Lock()
		*to = append(*to, name)
		mu.Unlock()
	}
	return &event.CommandMonitor{
			Started:   func(_ context.Context, e *event.CommandStartedEvent) { add(&started, e.CommandName) },
			Succeeded: func(_ context.Context, e *event.CommandSucceededEvent) { add(&succeeded, e.CommandName) },
			Failed:    func(_ context.Context, e *event.CommandFailedEvent) { add(&failed, e.CommandName) },
		}, func() string {
			mu.Lock()
			defer mu.Unlock()
			return fmt.Sprintf("started: %s\nsucceeded: %s\nfailed: %s",
				strings.Join(started, " "), strings.Join(succeeded, " "), strings.Join(failed, " "))
		}
}
