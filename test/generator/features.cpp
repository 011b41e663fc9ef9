// Compiled (-fsyntax-only) by syntax.sh against the header generated from
// models/location: the features of the emitter, used as a program would, and
// the protocol engines' templates instantiated over the recursive shapes.
#include <stratus/services/location.hpp>

#include <stratus/protocol/value_io.hpp>

#include <string>
#include <vector>

using loc = stratus::location_; // the tag: stratus::location is model.hpp's enum

void use(loc::client_type const& c)
{
    auto out = c.get_thing({.name = "n", .tags = std::vector<std::string>{"a"}, .count = 2});
    auto r = c.try_get_thing({.name = "n", .tags = std::vector<std::string>{}});
    c.delete_();
    auto d = c.try_delete_();
    (void)out;
    (void)r;
    (void)d;

    loc::node n;
    n.children.push_back({});
    n.next = loc::node{};
    (*n.next)->attrs["x"].pick = loc::choice{.a = "q"};
    loc::node copy = n;
    (void)copy;

    loc::thing_not_found e;
    e.code_ = "x";
    loc::kind k = loc::kind::linux_;
    bool same = k == loc::kind::linux_;
    (void)same;

    loc::tree t;
    t.branches.push_back(loc::branch{.tree = loc::tree{}, .leaves = {"l"}});
    loc::ping p;
    p.pongs.push_back({});
    (void)p;
}

namespace sp = stratus::protocol;
template void sp::read_members<loc::node>(sp::value_reader&, loc::node&);
template void sp::write_members<loc::node>(sp::value_writer&, loc::node const&);
template void sp::read_members<loc::tree>(sp::value_reader&, loc::tree&);
template void sp::write_members<loc::ping>(sp::value_writer&, loc::ping const&);
template void sp::read_members<loc::get_thing_output>(sp::value_reader&, loc::get_thing_output&);
template void sp::read_members<loc::thing_not_found>(sp::value_reader&, loc::thing_not_found&);
template void sp::write_members<loc::get_thing_request>(sp::value_writer&, loc::get_thing_request const&);
