#ifndef STRATUS_IMPL_SHARED_CONFIG_IPP
#define STRATUS_IMPL_SHARED_CONFIG_IPP

#include <stratus/detail/ini.hpp>
#include <stratus/detail/shlex.hpp>
#include <stratus/detail/text.hpp>
#include <stratus/shared_config.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stratus {
namespace detail::config_files {

inline bool is_name_char(char c) noexcept
{
    return is_alnum(c) || c == '_';
}

// os.path.expandvars then os.path.expanduser, as raw_config_parse applies
// them, but reading variables (HOME too) from `env` so tests stay hermetic.
// The error says why a "~" cannot be expanded: HOME unset, or "~user", which
// would need the password database; such a file is treated as missing rather
// than read from a directory literally named "~".
inline result<std::string> expand_config_path(std::string_view path, environment const& env)
{
    std::string out;
    for (std::size_t i = 0; i < path.size();) {
        if (path[i] == '$' && i + 1 < path.size()) {
            std::size_t name_begin = 0, name_end = 0, next = 0;
            if (path[i + 1] == '{') {
                auto close = path.find('}', i + 2);
                if (close != std::string_view::npos) {
                    name_begin = i + 2;
                    name_end = close;
                    next = close + 1;
                }
            } else {
                std::size_t j = i + 1;
                while (j < path.size() && is_name_char(path[j]))
                    ++j;
                if (j > i + 1) {
                    name_begin = i + 1;
                    name_end = j;
                    next = j;
                }
            }
            if (next != 0) {
                // Unknown variables stay as written, as in expandvars.
                if (auto v = env.get(path.substr(name_begin, name_end - name_begin)))
                    out += *v;
                else
                    out += path.substr(i, next - i);
                i = next;
                continue;
            }
        }
        out += path[i++];
    }
    if (!out.starts_with('~')) return out;
    if (out.size() > 1 && out[1] != '/') return make_error(errc::invalid_config, "~user is not supported");
    auto home = env.get("HOME");
    if (!home) return make_error(errc::invalid_config, "HOME is not set");
    std::string h = *home;
    while (!h.empty() && h.back() == '/')
        h.pop_back();
    h += out.substr(1);
    return h.empty() ? std::string("/") : h;
}

// The file's bytes; nullopt if it does not exist. Anything else that stops
// us reading it (a directory, no permission) is an error: botocore skips such
// files silently, which hides the reason a profile "does not exist".
inline result<std::optional<std::string>> read_config_file(std::string const& path, std::string_view what)
{
    auto fail = [&](int err) {
        return make_error(errc::invalid_config,
                          "cannot read " + std::string(what) + " " + path + ": " + std::strerror(err));
    };
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) return std::optional<std::string>();
        return fail(errno);
    }
    struct closer {
        int fd;
        ~closer() { ::close(fd); }
    } guard{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return fail(errno);
    if (S_ISDIR(st.st_mode)) return fail(EISDIR);
    std::string data;
    char buf[16384];
    for (;;) {
        auto n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(errno);
        }
        if (n == 0) break;
        data.append(buf, static_cast<std::size_t>(n));
    }
    return std::optional<std::string>(std::move(data));
}

// "[profile name]" -> "name": build_profile_map's _parse_section. Like
// botocore it only checks the prefix, so "[profilex y]" names profile "y", and
// anything that does not split into exactly two words is ignored.
inline std::optional<std::string> prefixed_section_name(std::string_view section, std::string_view prefix)
{
    if (!section.starts_with(prefix)) return std::nullopt;
    auto words = shlex_split(section);
    if (!words || words->size() != 2) return std::nullopt;
    return std::move((*words)[1]);
}

inline config_section const* find_section(std::map<std::string, config_section, std::less<>> const& m,
                                          std::string_view name)
{
    auto it = m.find(name);
    return it == m.end() ? nullptr : &it->second;
}

} // namespace detail::config_files

STRATUS_DECL result<shared_config> shared_config::load(environment const& env)
{
    auto config_path = env.get("AWS_CONFIG_FILE").value_or("~/.aws/config");
    auto credentials_path = env.get("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials");
    auto read = [&](std::string& path, std::string_view what) -> result<std::string> {
        auto expanded = detail::config_files::expand_config_path(path, env);
        if (!expanded) {
            path += " (not read: " + expanded.error().message + ")";
            return std::string();
        }
        path = std::move(*expanded);
        auto text = detail::config_files::read_config_file(path, what);
        if (!text) return text.error();
        return text->value_or(std::string());
    };
    auto config_text = read(config_path, "config file");
    if (!config_text) return config_text.error();
    auto credentials_text = read(credentials_path, "credentials file");
    if (!credentials_text) return credentials_text.error();
    return parse(*config_text, *credentials_text, config_path, credentials_path);
}

STRATUS_DECL result<shared_config> shared_config::parse(std::string_view config_text,
                                                        std::string_view credentials_text,
                                                        std::string_view config_name,
                                                        std::string_view credentials_name)
{
    shared_config c;
    c.config_path_ = config_name;
    c.credentials_path_ = credentials_name;

    auto config = detail::parse_ini(config_text, config_name);
    if (!config) return config.error();
    // build_profile_map, in file order: a later section with the same
    // profile name replaces an earlier one whole ("[default]" and
    // "[profile default]" both name "default").
    for (auto& s : *config) {
        // The prefix alone decides the kind, as in botocore: a "[profile]"
        // that does not split into two words is dropped, not a profile.
        struct kind {
            std::string_view prefix;
            std::map<std::string, config_section, std::less<>>* target;
        };
        kind const kinds[] = {
            {"profile", &c.config_profiles_}, {"sso-session", &c.sso_sessions_}, {"services", &c.services_}};
        auto k = std::find_if(std::begin(kinds), std::end(kinds),
                              [&](kind const& x) { return s.name.starts_with(x.prefix); });
        if (k != std::end(kinds)) {
            if (auto name = detail::config_files::prefixed_section_name(s.name, k->prefix))
                k->target->insert_or_assign(std::move(*name), std::move(s.settings));
        } else if (s.name == "default") {
            c.config_profiles_.insert_or_assign("default", std::move(s.settings));
        }
        // Any other section ("[foo]", "[preview]") is not a profile.
    }

    auto credentials = detail::parse_ini(credentials_text, credentials_name);
    if (!credentials) return credentials.error();
    for (auto& s : *credentials)
        c.credentials_profiles_.insert_or_assign(std::move(s.name), std::move(s.settings));

    // Session.full_config: the credentials file's keys update the config
    // file's profile one key at a time; a nested block is one key.
    c.profiles_ = c.config_profiles_;
    for (auto const& [name, creds] : c.credentials_profiles_) {
        auto& merged = c.profiles_[name];
        for (auto const& [k, v] : creds.values) {
            merged.nested.erase(k);
            merged.values.insert_or_assign(k, v);
        }
        for (auto const& [k, v] : creds.nested) {
            merged.values.erase(k);
            merged.nested.insert_or_assign(k, v);
        }
    }
    return c;
}

STRATUS_DECL config_section const* shared_config::profile(std::string_view name) const
{
    return detail::config_files::find_section(profiles_, name);
}

STRATUS_DECL config_section const* shared_config::config_file_profile(std::string_view name) const
{
    return detail::config_files::find_section(config_profiles_, name);
}

STRATUS_DECL config_section const* shared_config::credentials_file_profile(std::string_view name) const
{
    return detail::config_files::find_section(credentials_profiles_, name);
}

STRATUS_DECL std::vector<std::string> shared_config::profile_names() const
{
    std::vector<std::string> names;
    names.reserve(profiles_.size());
    for (auto const& p : profiles_)
        names.push_back(p.first);
    return names;
}

STRATUS_DECL config_section const* shared_config::services(std::string_view name) const
{
    return detail::config_files::find_section(services_, name);
}

STRATUS_DECL config_section const* shared_config::sso_session(std::string_view name) const
{
    return detail::config_files::find_section(sso_sessions_, name);
}

STRATUS_DECL profile_selection resolve_profile_name(std::optional<std::string> explicit_name,
                                                    environment const& env)
{
    if (explicit_name) return {std::move(*explicit_name), profile_source::argument};
    if (auto v = env.get("AWS_DEFAULT_PROFILE")) return {std::move(*v), profile_source::aws_default_profile};
    if (auto v = env.get("AWS_PROFILE")) return {std::move(*v), profile_source::aws_profile};
    return {};
}

STRATUS_DECL result<profile_selection> resolve_profile(std::optional<std::string> explicit_name,
                                                       environment const& env, shared_config const& config)
{
    auto profile = resolve_profile_name(std::move(explicit_name), env);
    if (!profile.chosen() || config.profile(profile.name)) return profile;
    std::string m = "the config profile '" + profile.name + "'";
    switch (profile.source) {
    case profile_source::aws_default_profile:
        m += " (from AWS_DEFAULT_PROFILE)";
        break;
    case profile_source::aws_profile:
        m += " (from AWS_PROFILE)";
        break;
    default:
        break;
    }
    m += " could not be found in the config file " + config.config_path() + " or the credentials file " +
         config.credentials_path();
    return make_error(errc::unknown_profile, std::move(m));
}

} // namespace stratus

#endif
