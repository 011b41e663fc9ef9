#include "names.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace stratus_gen {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }

std::string ascii_lower(std::string s)
{
    for (char& c : s)
        if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// botocore prefills its xform_name cache with names its rules get wrong
// (botocore/__init__.py, _xform_cache). Kept in sync by hand; the
// xform_name test compares every name of every model with botocore itself.
struct special_case {
    std::string_view name;
    std::string_view xformed;
};
constexpr std::array special_cases{
    special_case{"CreateCachediSCSIVolume", "create_cached_iscsi_volume"},
    special_case{"DescribeCachediSCSIVolumes", "describe_cached_iscsi_volumes"},
    special_case{"DescribeStorediSCSIVolumes", "describe_stored_iscsi_volumes"},
    special_case{"CreateStorediSCSIVolume", "create_stored_iscsi_volume"},
    special_case{"ListHITsForQualificationType", "list_hits_for_qualification_type"},
    special_case{"ExecutePartiQLStatement", "execute_partiql_statement"},
    special_case{"ExecutePartiQLTransaction", "execute_partiql_transaction"},
    special_case{"ExecutePartiQLBatch", "execute_partiql_batch"},
    special_case{"AssociateWhatsAppBusinessAccount", "associate_whatsapp_business_account"},
    special_case{"CreateWhatsAppMessageTemplate", "create_whatsapp_message_template"},
    special_case{"CreateWhatsAppMessageTemplateFromLibrary", "create_whatsapp_message_template_from_library"},
    special_case{"CreateWhatsAppMessageTemplateMedia", "create_whatsapp_message_template_media"},
    special_case{"DeleteWhatsAppMessageMedia", "delete_whatsapp_message_media"},
    special_case{"DeleteWhatsAppMessageTemplate", "delete_whatsapp_message_template"},
    special_case{"DisassociateWhatsAppBusinessAccount", "disassociate_whatsapp_business_account"},
    special_case{"GetLinkedWhatsAppBusinessAccount", "get_linked_whatsapp_business_account"},
    special_case{"GetLinkedWhatsAppBusinessAccountPhoneNumber", "get_linked_whatsapp_business_account_phone_number"},
    special_case{"GetOTelEnrichment", "get_otel_enrichment"},
    special_case{"GetWhatsAppMessageMedia", "get_whatsapp_message_media"},
    special_case{"GetWhatsAppMessageTemplate", "get_whatsapp_message_template"},
    special_case{"ListLinkedWhatsAppBusinessAccounts", "list_linked_whatsapp_business_accounts"},
    special_case{"ListWhatsAppMessageTemplates", "list_whatsapp_message_templates"},
    special_case{"ListWhatsAppTemplateLibrary", "list_whatsapp_template_library"},
    special_case{"PostWhatsAppMessageMedia", "post_whatsapp_message_media"},
    special_case{"PutWhatsAppBusinessAccountEventDestinations", "put_whatsapp_business_account_event_destinations"},
    special_case{"SendWhatsAppMessage", "send_whatsapp_message"},
    special_case{"StartOTelEnrichment", "start_otel_enrichment"},
    special_case{"StopOTelEnrichment", "stop_otel_enrichment"},
    special_case{"UpdateWhatsAppMessageTemplate", "update_whatsapp_message_template"},
};

// C++20 keywords and alternative tokens, identifiers with special meaning,
// and lowercase macros that C, POSIX and GNU headers or compilers define
// (GNU modes predefine unix, linux and i386; <sys/sysmacros.h> defines
// major and minor). Sorted, for binary search.
constexpr std::string_view reserved_words[] = {
    "alignas", "alignof", "alloca", "and", "and_eq", "asm", "assert", "auto", "bitand", "bitor", "bool",
    "break", "case", "catch", "char", "char16_t", "char32_t", "char8_t", "class", "co_await", "co_return",
    "co_yield", "compl", "concept", "const", "const_cast", "consteval", "constexpr", "constinit", "continue",
    "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "errno", "explicit",
    "export", "extern", "false", "final", "float", "for", "friend", "goto", "i386", "if", "import", "inline",
    "int", "int16_t", "int32_t", "int64_t", "int8_t", "linux", "long", "major", "makedev", "minor", "module",
    "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "offsetof", "operator", "or",
    "or_eq", "override", "private", "protected", "public", "register", "reinterpret_cast", "requires",
    "return", "setjmp", "short", "signed", "size_t", "sizeof", "static", "static_assert", "static_cast",
    "stderr", "stdin", "stdout", "struct", "switch", "template", "this", "thread_local", "throw", "true",
    "try", "typedef", "typeid", "typename", "uint16_t", "uint32_t", "uint64_t", "uint8_t", "union", "unix",
    "unsigned", "using", "va_arg", "va_copy", "va_end", "va_start", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq",
};

} // namespace

std::string xform_name(std::string_view name, char sep)
{
    if (name.find(sep) != std::string_view::npos) return std::string(name);
    for (auto const& sc : special_cases) {
        if (sc.name == name) {
            std::string r(sc.xformed);
            std::replace(r.begin(), r.end(), '_', sep);
            return r;
        }
    }
    std::string s(name);
    // _special_case_transform = '[A-Z]{2,}s$': a pluralised acronym at the
    // end ("GatewayARNs") becomes one lowercase word ("Gateway_arns").
    if (s.size() >= 3 && s.back() == 's') {
        std::size_t start = s.size() - 1;
        while (start > 0 && is_upper(s[start - 1])) --start;
        if (s.size() - 1 - start >= 2) s = s.substr(0, start) + sep + ascii_lower(s.substr(start));
    }
    // _first_cap_regex = '(.)([A-Z][a-z]+)' -> '\1_\2', left to right,
    // matches not overlapping ('.' is any character but a newline).
    std::string s1;
    s1.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '\n' && i + 2 < s.size() && is_upper(s[i + 1]) && is_lower(s[i + 2])) {
            std::size_t j = i + 2;
            while (j < s.size() && is_lower(s[j])) ++j;
            s1 += s[i];
            s1 += sep;
            s1.append(s, i + 1, j - i - 1);
            i = j;
        } else {
            s1 += s[i++];
        }
    }
    // _end_cap_regex = '([a-z0-9])([A-Z])' -> '\1_\2', then lower().
    std::string s2;
    s2.reserve(s1.size() + 8);
    for (std::size_t i = 0; i < s1.size();) {
        if ((is_lower(s1[i]) || is_digit(s1[i])) && i + 1 < s1.size() && is_upper(s1[i + 1])) {
            s2 += s1[i];
            s2 += sep;
            s2 += s1[i + 1];
            i += 2;
        } else {
            s2 += s1[i++];
        }
    }
    return ascii_lower(std::move(s2));
}

bool is_reserved_word(std::string_view id)
{
    return std::binary_search(std::begin(reserved_words), std::end(reserved_words), id);
}

std::string sanitize_identifier(std::string_view id)
{
    std::string r;
    r.reserve(id.size() + 2);
    for (char c : id) {
        char d = is_upper(c) ? static_cast<char>(c - 'A' + 'a') : (is_alnum(c) ? c : '_');
        if (d == '_' && !r.empty() && r.back() == '_') continue; // "__" is reserved to the implementation
        r += d;
    }
    if (r.empty()) r = "_";
    if (is_digit(r.front())) r.insert(r.begin(), '_');
    if (is_reserved_word(r)) r += '_';
    return r;
}

std::string cpp_name(std::string_view model_name)
{
    return sanitize_identifier(xform_name(model_name));
}

std::string enum_constant_name(std::string_view value)
{
    std::string joined;
    for (std::size_t i = 0; i < value.size();) {
        if (!is_alnum(value[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < value.size() && is_alnum(value[j])) ++j;
        std::string word = xform_name(value.substr(i, j - i));
        // "GPUs" -> "_gpus": botocore's plural-acronym rule leaves a leading '_'.
        while (!word.empty() && word.front() == '_') word.erase(word.begin());
        if (!joined.empty()) joined += '_';
        joined += word;
        i = j;
    }
    if (joined.empty()) return {};
    return sanitize_identifier(joined);
}

std::string scope_names::claim(std::string id)
{
    while (taken_.count(id) != 0) id += '_';
    taken_.insert(id);
    return id;
}

// A C++ string literal. Octal escapes (at most three digits) cannot swallow
// the characters after them, as hex escapes can. C++20 has no trigraphs, so
// '?' needs no escape.
std::string literal(std::string_view s)
{
    std::string out = "\"";
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c == 0x7f) {
            char buf[5] = {'\\', static_cast<char>('0' + ((c >> 6) & 7)), static_cast<char>('0' + ((c >> 3) & 7)),
                           static_cast<char>('0' + (c & 7)), 0};
            out += buf;
        } else {
            out += ch;
        }
    }
    out += '"';
    return out;
}

} // namespace stratus_gen
