#ifndef STRATUS_ENDPOINTS_IMPL_ENDPOINT_IPP
#define STRATUS_ENDPOINTS_IMPL_ENDPOINT_IPP

#include <stratus/endpoints/endpoint.hpp>

namespace stratus::endpoints {

STRATUS_DECL std::vector<auth_scheme> auth_schemes(endpoint const& ep)
{
    std::vector<auth_scheme> r;
    auto const* list = ep.properties.find("authSchemes");
    if (!list || list->kind != property::kind_type::list) return r;
    auto text = [](property const& obj, std::string_view key) {
        auto const* p = obj.find(key);
        return p && p->kind == property::kind_type::string ? p->string : std::string{};
    };
    for (auto const& s : list->items) {
        if (s.kind != property::kind_type::object) continue;
        auth_scheme a;
        a.name = text(s, "name");
        a.signing_name = text(s, "signingName");
        a.signing_region = text(s, "signingRegion");
        if (auto const* set = s.find("signingRegionSet"); set && set->kind == property::kind_type::list)
            for (auto const& v : set->items)
                if (v.kind == property::kind_type::string) a.signing_region_set.push_back(v.string);
        if (auto const* d = s.find("disableDoubleEncoding"); d && d->kind == property::kind_type::boolean)
            a.disable_double_encoding = d->boolean;
        r.push_back(std::move(a));
    }
    return r;
}

} // namespace stratus::endpoints

#endif
