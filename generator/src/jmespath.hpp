// JMESPath expressions of waiters-2.json ("length(Reservations[]) > `0`",
// "services[?!(length(deployments) == `1`)]") parsed into a tree, with the
// grammar and binding powers of jmespath.py (botocore's), so a projection
// stops and nests exactly where botocore's does. The emitter compiles the
// tree into typed ::stratus::paging calls over the generated shapes.
// Multi-select lists and hashes, slices and expression references are not
// parsed: no waiter uses them, and they fail generation with their position.
#ifndef STRATUS_GEN_JMESPATH_HPP
#define STRATUS_GEN_JMESPATH_HPP

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stratus_gen::jmespath {

struct node {
    enum class type {
        current,           // @, and the right side of a projection with nothing after it
        field,             // name
        literal,           // `json` or 'raw string': value
        subexpression,     // children[0].children[1]
        index,             // children[0][index]
        flatten,           // children[0][] (a projection's left side)
        projection,        // children[0] projected through children[1] (a[*].b, a[].b)
        value_projection,  // children[0].* projected through children[1]
        filter_projection, // children[0][?children[2]] projected through children[1]
        comparator,        // name is ==, !=, <, <=, >, >=
        or_,
        and_,
        not_,
        pipe,
        function, // name(children...)
    };
    type t = type::current;
    std::string name;
    boost::json::value value;
    std::int64_t index = 0;
    std::vector<node> children;
};

/// The tree of `expr`; gen_error naming the position and what was found
/// when it is not JMESPath or uses a form outside the parsed subset.
node parse(std::string_view expr);

} // namespace stratus_gen::jmespath

#endif
