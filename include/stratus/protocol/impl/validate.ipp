#ifndef STRATUS_PROTOCOL_IMPL_VALIDATE_IPP
#define STRATUS_PROTOCOL_IMPL_VALIDATE_IPP

#include <stratus/protocol/validate.hpp>

#include <stratus/protocol/encoding.hpp>

#include <string>
#include <vector>

namespace stratus::protocol {
namespace detail {

// A value_writer that checks instead of writing. It keeps the path to the
// current member so messages can say where the offending value is.
class validator final : public value_writer {
public:
    std::vector<std::string> errors;

    void string(member_info const& m, std::string_view v) override
    {
        seen(m);
        check_length(m, utf8_length(v));
    }
    void boolean(member_info const& m, bool) override { seen(m); }
    void integer(member_info const& m, std::int64_t v) override
    {
        seen(m);
        if (m.has_min && v < m.min) report(m, "value " + std::to_string(v) + " is less than the minimum " + std::to_string(m.min));
        if (m.has_max && v > m.max) report(m, "value " + std::to_string(v) + " is greater than the maximum " + std::to_string(m.max));
    }
    void floating(member_info const& m, double v) override
    {
        seen(m);
        if (m.has_min && v < static_cast<double>(m.min))
            report(m, "value " + format_double(v) + " is less than the minimum " + std::to_string(m.min));
        if (m.has_max && v > static_cast<double>(m.max))
            report(m, "value " + format_double(v) + " is greater than the maximum " + std::to_string(m.max));
    }
    void time(member_info const& m, timestamp) override { seen(m); }
    void bytes(member_info const& m, std::string_view v) override
    {
        seen(m);
        check_length(m, v.size());
    }
    void stream(member_info const& m, streaming_body const&) override { seen(m); }
    void json(member_info const& m, document const&) override { seen(m); }
    void absent(member_info const& m) override
    {
        if (m.is(member_flags::required) && !m.is(member_flags::idempotency_token))
            report(m, "missing required parameter");
    }
    bool begin_structure(member_info const& m, shape_info const& s) override
    {
        seen(m);
        push(m, s.is_union);
        return true;
    }
    void end_structure() override
    {
        auto const f = std::move(stack_.back());
        stack_.pop_back();
        if (f.is_union && f.set != 1)
            errors.push_back(path_of(f.name_path) + ": exactly one member of the union must be set, not " +
                             std::to_string(f.set));
    }
    bool begin_list(member_info const& m, std::size_t size) override
    {
        seen(m);
        check_length(m, size);
        push(m, false);
        stack_.back().list = true;
        return true;
    }
    void end_list() override { stack_.pop_back(); }
    bool begin_map(member_info const& m, std::size_t size) override
    {
        seen(m);
        check_length(m, size);
        push(m, false);
        stack_.back().map = true;
        return true;
    }
    void map_key(std::string_view key) override { stack_.back().key = std::string(key); }
    void end_map() override { stack_.pop_back(); }

private:
    struct frame {
        std::string name_path; // "Delete.Objects"
        bool is_union = false;
        bool list = false;
        bool map = false;
        int set = 0;
        long index = -1;
        std::string key{};
    };

    static std::string path_of(std::string const& p) { return p.empty() ? std::string("input") : p; }

    // The path of member m in the current frame (the item's index or key for lists and maps).
    std::string here(member_info const& m) const
    {
        if (stack_.empty()) return std::string(m.name);
        auto const& f = stack_.back();
        if (f.list) return f.name_path + "[" + std::to_string(f.index) + "]";
        if (f.map) return f.name_path + "[\"" + f.key + "\"]";
        if (f.name_path.empty()) return std::string(m.name);
        return f.name_path + "." + std::string(m.name);
    }

    // Called for every value actually given: counts union members and list items.
    void seen(member_info const&)
    {
        if (stack_.empty()) return;
        auto& f = stack_.back();
        if (f.list) ++f.index;
        else if (!f.map) ++f.set;
    }

    void push(member_info const& m, bool is_union)
    {
        frame f;
        f.name_path = here(m);
        f.is_union = is_union;
        stack_.push_back(std::move(f));
    }

    void check_length(member_info const& m, std::size_t n)
    {
        auto const len = static_cast<std::int64_t>(n);
        if (m.has_min && len < m.min)
            report(m, "length " + std::to_string(len) + " is less than the minimum " + std::to_string(m.min));
        if (m.has_max && len > m.max)
            report(m, "length " + std::to_string(len) + " is greater than the maximum " + std::to_string(m.max));
    }

    void report(member_info const& m, std::string rule) { errors.push_back(path_of(here(m)) + ": " + rule); }

    std::vector<frame> stack_;
};

} // namespace detail

STRATUS_DECL result<void> validate(operation_info const& op, input_shape const& in)
{
    detail::validator v;
    in.write(v);
    if (v.errors.empty()) return {};
    std::string msg;
    for (auto const& e : v.errors) {
        if (!msg.empty()) msg += '\n';
        msg += e;
    }
    return make_error(errc::invalid_parameter, std::move(msg), std::string(op.name));
}

} // namespace stratus::protocol

#endif
