#ifndef STRATUS_CREDENTIALS_IMPL_PROCESS_PROVIDER_IPP
#define STRATUS_CREDENTIALS_IMPL_PROCESS_PROVIDER_IPP

#include <stratus/credentials/detail/process.hpp>
#include <stratus/credentials/detail/timestamp.hpp>
#include <stratus/credentials/process_provider.hpp>
#include <stratus/detail/shlex.hpp>
#include <stratus/detail/text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace stratus {
namespace detail {

// A JSON value named in a message without echoing anything that could be a
// credential: numbers and short strings only.
inline std::string describe_json(boost::json::value const& v)
{
    switch (v.kind()) {
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
        return boost::json::serialize(v);
    case boost::json::kind::string: {
        auto const& s = v.get_string();
        if (s.size() <= 16) return "'" + std::string(s) + "'";
        return "a long string";
    }
    case boost::json::kind::bool_:
        return v.get_bool() ? "true" : "false";
    case boost::json::kind::null:
        return "null";
    case boost::json::kind::array:
        return "an array";
    case boost::json::kind::object:
        return "an object";
    }
    return "a JSON value";
}

} // namespace detail

STRATUS_DECL process_provider::process_provider(shared_config const& config, std::string profile)
    : profile_(std::move(profile))
{
    if (auto p = config.profile(profile_))
        if (auto c = p->get("credential_process")) command_ = std::string(*c);
}

STRATUS_DECL result<credentials> process_provider::resolve()
{
    using clock = std::chrono::system_clock;
    if (!command_)
        return make_error(errc::no_credentials, "profile '" + profile_ + "' has no credential_process");

    auto due = [](credentials const& c, clock::time_point now, std::chrono::minutes window) {
        return c.expiration && *c.expiration - window <= now;
    };
    auto current = cached();
    if (current && !due(*current, clock::now(), advisory_refresh)) return *current;

    // In the advisory window a refresh is a courtesy: if another thread is
    // already running the command, use what we have rather than wait.
    std::unique_lock refresh(refresh_mutex_, std::defer_lock);
    if (!current || due(*current, clock::now(), mandatory_refresh))
        refresh.lock();
    else if (!refresh.try_lock())
        return *current;

    current = cached(); // another thread may have refreshed while we waited
    auto now = clock::now();
    if (current && !due(*current, now, advisory_refresh)) return *current;
    bool mandatory = !current || due(*current, now, mandatory_refresh);

    auto fresh = fetch();
    if (!fresh) {
        if (!mandatory) return *current;
        return fresh;
    }
    std::lock_guard lock(state_mutex_);
    cached_ = *fresh;
    return fresh;
}

STRATUS_DECL result<credentials> process_provider::fetch() const
{
    std::string context = "credential_process of profile '" + profile_ + "'";
    auto fail = [&](std::string what) {
        return make_error(errc::credential_process_failed, context + ": " + what);
    };

    auto argv = detail::shlex_split(*command_);
    if (!argv) return fail("cannot split the command: " + argv.error().message);
    if (argv->empty()) return fail("the command is empty");
    std::string program = "'" + argv->front() + "'";

    constexpr std::size_t max_out = 1 << 20;
    constexpr std::size_t max_err = 64 << 10;
    auto run = detail::run_process(*argv, max_out, max_err);
    if (!run) return fail(run.error().message);
    if (run->signal) return fail(program + " was killed by signal " + std::to_string(run->signal));
    if (run->exit_status != 0) {
        std::string m = program + " exited with status " + std::to_string(run->exit_status);
        auto err = detail::trim(run->err);
        if (!err.empty()) {
            constexpr std::size_t shown = 4096;
            m += ": ";
            m += err.substr(0, shown);
            if (err.size() > shown) m += "...";
        }
        return fail(std::move(m));
    }
    if (run->out_truncated) return fail(program + " printed more than 1 MiB");

    boost::system::error_code ec;
    auto doc = boost::json::parse(run->out, ec);
    if (ec) return fail(program + " printed invalid JSON (" + ec.message() + ")");
    auto const* obj = doc.if_object();
    if (!obj) return fail(program + " printed JSON that is not an object");

    auto const* version = obj->if_contains("Version");
    if (!version) return fail(program + " printed no Version (supported: 1)");
    bool one = (version->is_int64() && version->get_int64() == 1) ||
               (version->is_uint64() && version->get_uint64() == 1) ||
               (version->is_double() && version->get_double() == 1.0);
    if (!one) return fail("unsupported Version " + detail::describe_json(*version) + " (supported: 1)");

    // Optional members may be null; required ones must be non-empty strings.
    auto member = [&](char const* name, bool required) -> result<std::string> {
        auto const* v = obj->if_contains(name);
        if (!v || v->is_null()) {
            if (required) return fail("the output of " + program + " has no " + name);
            return std::string();
        }
        auto const* s = v->if_string();
        if (!s) return fail(std::string(name) + " in the output of " + program + " is not a string");
        if (required && s->empty())
            return fail(std::string(name) + " in the output of " + program + " is empty");
        return std::string(*s);
    };
    credentials c;
    c.method = "custom-process";
    auto key = member("AccessKeyId", true);
    if (!key) return key.error();
    auto secret = member("SecretAccessKey", true);
    if (!secret) return secret.error();
    auto token = member("SessionToken", false);
    if (!token) return token.error();
    auto expiration = member("Expiration", false);
    if (!expiration) return expiration.error();
    auto account = member("AccountId", false);
    if (!account) return account.error();
    if (!account->empty()) c.account_id = std::move(*account); // botocore: `AccountId or None`
    c.access_key_id = std::move(*key);
    c.secret_access_key = std::move(*secret);
    c.session_token = std::move(*token);
    if (!expiration->empty()) {
        auto t = detail::parse_timestamp(*expiration);
        if (!t)
            return fail("Expiration in the output of " + program + " is not an ISO 8601 timestamp: '" +
                        expiration->substr(0, 64) + "'");
        c.expiration = *t;
        // botocore would accept them and fail on first use with "refreshed
        // credentials are still expired"; say it where it happens.
        if (c.expired())
            return fail(program + " returned credentials that expired at " + detail::format_timestamp(*t));
    }
    return c;
}

} // namespace stratus

#endif
