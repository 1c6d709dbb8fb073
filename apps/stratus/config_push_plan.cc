// The plan of `stratus config push` (see config_push_plan.h).
#include "apps/stratus/config_push_plan.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "config/config_loader.h"
#include "config/secret_reference.h"
#include "config/stack_owned_keys.h"
#include "config/toml_text.h"

namespace stratus {
namespace {

constexpr std::string_view kSecrets = "secrets";

bool is_bare(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string dotted(const KeyPath& path) {
  std::string out;
  for (const auto& part : path) out += (out.empty() ? "" : ".") + part;
  return out;
}

// A TOML rendering of `node` with every string quoted (InvalidInput for floats, dates, times).
Result<std::string> canonical(const toml::node& node, std::string_view key) {
  if (const auto* s = node.as_string()) return toml_quote(s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
  if (const auto* a = node.as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size(); ++i) {
      STRATUS_ASSIGN_OR_RETURN(std::string item, canonical(*a->get(i), key));
      out += (i == 0 ? "" : ", ") + item;
    }
    return out + "]";
  }
  if (const auto* t = node.as_table()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : *t) {
      STRATUS_ASSIGN_OR_RETURN(std::string item, canonical(v, key));
      out += std::string(first ? " " : ", ") + toml_key(k.str()) + " = " + item;
      first = false;
    }
    return out + (first ? "}" : " }");
  }
  return Error::invalid_input(std::string(key) + " = " + describe_toml_value(node) +
                              ": expected a string, integer, boolean, array or table (decimals "
                              "are written as strings); other TOML values cannot be SSM "
                              "parameters");
}

// A key holding a secret reference (config/secret_reference.h kSecretReferenceKeys) whose
// reference push resolves like a secret's: "env:VAR" or "ssm:" its own parameter.
struct ReferenceLeaf {
  std::string key;        // Dotted: "slack.webhook_url".
  std::string parameter;  // Its own parameter: "<prefix>/slack/webhook_url".
  std::string reference;
};

bool is_secret_reference_key(std::string_view dotted) {
  return std::find(kSecretReferenceKeys.begin(), kSecretReferenceKeys.end(), dotted) !=
         kSecretReferenceKeys.end();
}

// Walks `table` adding one parameter per leaf under `path`; reference keys holding "env:VAR" or
// a reference to their own parameter go to `references` instead.
Status add_leaves(const toml::table& table, const KeyPath& path, const std::string& prefix,
                  PushPlan& plan, std::vector<ReferenceLeaf>& references) {
  for (const auto& [k, v] : table) {
    const std::string key(k.str());
    const KeyPath here = child_path(path, key);
    if (!is_bare(key)) {
      return Error::invalid_input(format_key_path(here) +
                                  ": expected key parts of letters, digits, '_' or '-' (each "
                                  "part is a level of the SSM parameter name)");
    }
    if (path.empty() && key == kSecrets) continue;  // Planned separately.
    const std::string name_dotted = dotted(here);
    const auto owned = std::find_if(kStackOwnedKeys.begin(), kStackOwnedKeys.end(),
                                    [&](const StackOwnedKey& o) { return o.key == name_dotted; });
    if (owned != kStackOwnedKeys.end()) {
      plan.skipped.push_back(name_dotted + ": owned by the AWS stack (it writes " + prefix + "/" +
                             std::string(owned->parameter) + "), not pushed");
      continue;
    }
    if (const auto* sub = v.as_table(); sub != nullptr && !sub->empty()) {
      STRATUS_RETURN_IF_ERROR(add_leaves(*sub, here, prefix, plan, references));
      continue;
    }
    std::string name = prefix;
    for (const auto& part : here) name += "/" + part;
    if (const auto* reference = v.as_string();
        reference != nullptr && is_secret_reference_key(name_dotted) &&
        (reference->get().starts_with("env:") || reference->get() == "ssm:" + name)) {
      references.push_back({name_dotted, name, reference->get()});
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(std::string text, ssm_parameter_text(v, name_dotted));
    plan.parameters.push_back({name, std::move(text), "String", name_dotted});
  }
  return {};
}

}  // namespace

Result<std::string> ssm_parameter_text(const toml::node& value, std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(const std::string expected, canonical(value, key));
  std::string text = expected;
  if (const auto* s = value.as_string(); s != nullptr && !s->get().empty()) {
    // Plain text when it reads back as itself (e.g. dip, 750.50, https://...).
    toml::table plain = override_value_table(std::string(key), s->get());
    const toml::node* v = plain.get("v");
    if (v != nullptr && v->is_string() && v->as_string()->get() == s->get()) text = s->get();
  }
  toml::table back = override_value_table(std::string(key), text);
  const toml::node* v = back.get("v");
  auto reread =
      v == nullptr ? Result<std::string>(Error::internal("no value")) : canonical(*v, key);
  if (!reread.ok() || *reread != expected) {
    return Error::internal(std::string(key) + ": the SSM text of " + describe_toml_value(value) +
                           " would not read back as the same value");
  }
  return text;
}

Result<PushPlan> plan_config_push(const toml::table& profile_table, std::string_view prefix,
                                  const std::map<std::string, std::string>& environment) {
  PushPlan plan;
  plan.prefix = std::string(prefix);
  while (plan.prefix.size() > 1 && plan.prefix.back() == '/') plan.prefix.pop_back();
  std::vector<ReferenceLeaf> references;
  STRATUS_RETURN_IF_ERROR(add_leaves(profile_table, {}, plan.prefix, plan, references));

  std::vector<std::string> problems;
  // slack.webhook_url = "env:VAR" and the like: VAR's value becomes the SecureString at the
  // key's own parameter (read back as a reference to itself); "ssm:" that parameter is kept.
  for (const ReferenceLeaf& leaf : references) {
    if (!leaf.reference.starts_with("env:")) {
      plan.kept.push_back(leaf.parameter);
      continue;
    }
    const std::string var = leaf.reference.substr(4);
    auto it = environment.find(var);
    if (it == environment.end() || it->second.empty()) {
      problems.push_back(leaf.key + " = " + toml_quote(leaf.reference) +
                         ": the environment variable " + var +
                         (it == environment.end() ? " is not set" : " is empty"));
      continue;
    }
    plan.parameters.push_back({leaf.parameter, it->second, "SecureString", "$" + var});
  }
  if (const auto* secrets = profile_table.get_as<toml::table>(kSecrets)) {
    for (const auto& [k, v] : *secrets) {
      const std::string name(k.str());
      const std::string key = "secrets." + name;
      const std::string parameter = plan.prefix + "/secrets/" + name;
      const auto* text = v.as_string();
      if (text == nullptr || !is_bare(name)) {
        problems.push_back(key + ": expected a bare name and a reference string");
        continue;
      }
      const std::string& ref = text->get();
      if (ref.starts_with("env:")) {
        const std::string var = ref.substr(4);
        auto it = environment.find(var);
        if (it == environment.end() || it->second.empty()) {
          problems.push_back(key + " = " + toml_quote(ref) + ": the environment variable " + var +
                             (it == environment.end() ? " is not set" : " is empty"));
          continue;
        }
        plan.parameters.push_back({parameter, it->second, "SecureString", "$" + var});
      } else if (ref == "ssm:" + parameter) {
        plan.kept.push_back(parameter);
      } else {
        problems.push_back(key + " = " + toml_quote(ref) + ": under " + plan.prefix +
                           " a secret's reference is always ssm:" + parameter +
                           "; expected that reference (the parameter made beforehand) or "
                           "\"env:VAR\" (push copies the variable's value there)");
      }
    }
  }
  if (!problems.empty()) {
    std::string message = "nothing pushed: ";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    return Error::invalid_input(std::move(message));
  }
  std::sort(plan.parameters.begin(), plan.parameters.end(),
            [](const PushParameter& a, const PushParameter& b) { return a.name < b.name; });
  return plan;
}

PushDiff diff_config_push(const PushPlan& plan, const std::vector<SsmParameter>& existing,
                          bool overwrite) {
  std::map<std::string, const SsmParameter*> held;
  for (const auto& p : existing) held[p.name] = &p;
  PushDiff diff;
  std::set<std::string> planned(plan.kept.begin(), plan.kept.end());
  for (const PushParameter& p : plan.parameters) {
    planned.insert(p.name);
    auto it = held.find(p.name);
    if (it == held.end()) {
      diff.writes.push_back(p);
    } else if (it->second->value == p.value && it->second->type == p.type) {
      diff.unchanged.push_back(p.name);
    } else if (overwrite) {
      diff.writes.push_back(p);
    } else {
      diff.conflicts.push_back(p.name);
    }
  }
  for (const std::string& name : plan.kept) {
    if (held.count(name) == 0) diff.missing.push_back(name);
  }
  for (const auto& [name, _] : held) {
    if (planned.count(name) != 0) continue;
    const bool owned =
        std::any_of(kStackOwnedKeys.begin(), kStackOwnedKeys.end(), [&](const StackOwnedKey& o) {
          return name == plan.prefix + "/" + std::string(o.parameter);
        });
    if (!owned) diff.stale.push_back(name);
  }
  return diff;
}

}  // namespace stratus
