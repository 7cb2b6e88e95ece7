"""method-call on source alone: the receiver expression's type (orch.types
expression typing) decides, through values, pointers and embedded fields."""

from rulesupport import match

RULE = '''
[[aspects]]
id = "t"
join-point.method-call = {{ receiver = "example.com/p.Client", name = "Do"{extra} }}
advice = {{ wrap-expression = {{ template = "{{{{.}}}}" }} }}
'''

SRC = '''
package p

type Client struct{}

func (*Client) Do() int { return 0 }

type Wrapper struct{ Client }

type other struct{}

func (other) Do() int { return 0 }

type holder struct{ cli *Client }

var pkgVar = &Client{}

var typed Client

func newClient() *Client { return nil }

func f(c *Client, v Client, h holder, i interface{}) {
    c.Do()
    v.Do()
    p := &Client{}
    p.Do()
    w := Wrapper{}
    w.Do()
    o := other{}
    o.Do()
    newClient().Do()
    pkgVar.Do()
    typed.Do()
    h.cli.Do()
    i.(*Client).Do()
    switch s := i.(type) {
    case *Client:
        s.Do()
    case other:
        s.Do()
    }
    var q *Client
    q.Do()
    if r := newClient(); r != nil {
        r.Do()
    }
    func(c other) { c.Do() }(o)
    unknown.Do()
}
'''


def calls(found):
    return [t for _, _, t in found]


def test_method_call_any():
    got = calls(match(RULE.format(extra=""), SRC))
    assert got == ["c.Do()", "v.Do()", "p.Do()", "w.Do()", "newClient().Do()", "pkgVar.Do()",
                   "typed.Do()", "h.cli.Do()", "i.(*Client).Do()", "s.Do()", "q.Do()", "r.Do()"]


def test_method_call_pointer_and_value_only():
    got = calls(match(RULE.format(extra=', match = "pointer-only"'), SRC))
    assert got == ["c.Do()", "p.Do()", "newClient().Do()", "pkgVar.Do()", "h.cli.Do()",
                   "i.(*Client).Do()", "s.Do()", "q.Do()", "r.Do()"]
    got = calls(match(RULE.format(extra=', match = "value-only"'), SRC))
    assert got == ["v.Do()", "w.Do()", "typed.Do()"]


def test_bad_method_call_rules_fail_at_load():
    import pytest
    from orch.errors import OrchError
    for bad in ['{ receiver = "Client", name = "Do" }', '{ receiver = "example.com/p.Client" }',
                '{ receiver = "example.com/p.Client", name = "Do", match = "ptr" }']:
        with pytest.raises(OrchError, match=r"rules.toml:4: "):
            match(f'''
            [[aspects]]
            id = "t"
            join-point.method-call = {bad}
            advice = {{ wrap-expression = {{ template = "{{{{.}}}}" }} }}
            ''', "package p\n")
