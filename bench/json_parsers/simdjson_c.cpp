// simdjson_c.cpp — simdjson behind the small C interface of simdjson_c.h.
#include "simdjson_c.h"
#include <simdjson.h>

struct SjParser {
  simdjson::dom::parser dom;
  simdjson::ondemand::parser ondemand;
};

extern "C" SjParser *sj_new(void){ return new SjParser(); }
extern "C" void sj_free(SjParser *p){ delete p; }
extern "C" const char *sj_implementation(void){
  return simdjson::get_active_implementation()->name().data();
}

extern "C" int sj_dom_two(SjParser *p, const char *line, size_t len, int64_t *status,
                          size_t *orig_h_len){
  simdjson::dom::element doc;
  if(p->dom.parse(line, len, false).get(doc)) return -1;
  simdjson::dom::object obj;
  if(doc.get(obj)) return -1;
  int64_t s;
  std::string_view h;
  *status = obj["status_code"].get(s) ? -1 : s;
  *orig_h_len = obj["id.orig_h"].get(h) ? (size_t)-1 : h.size();
  return 0;
}

extern "C" int sj_dom_all(SjParser *p, const char *line, size_t len, uint64_t counts[7]){
  simdjson::dom::element doc;
  if(p->dom.parse(line, len, false).get(doc)) return -1;
  simdjson::dom::object obj;
  if(doc.get(obj)) return -1;
  for(auto field : obj){
    switch(field.value.type()){
      case simdjson::dom::element_type::NULL_VALUE: counts[0]++; break;
      case simdjson::dom::element_type::BOOL: counts[field.value.get_bool().value() ? 2 : 1]++; break;
      case simdjson::dom::element_type::INT64: case simdjson::dom::element_type::UINT64:
      case simdjson::dom::element_type::DOUBLE: counts[3]++; break;
      case simdjson::dom::element_type::STRING: counts[4]++; break;
      case simdjson::dom::element_type::ARRAY: counts[5]++; break;
      case simdjson::dom::element_type::OBJECT: counts[6]++; break;
    }
  }
  return 0;
}

extern "C" int sj_dom_number(SjParser *p, const char *line, size_t len, double *out){
  simdjson::dom::element doc;
  if(p->dom.parse(line, len, false).get(doc)) return -1;
  return doc["v"].get(*out) ? -1 : 0;
}

extern "C" int sj_ondemand_two(SjParser *p, const char *line, size_t len, int64_t *status,
                               size_t *orig_h_len){
  simdjson::ondemand::document doc;
  if(p->ondemand.iterate(line, len, len + simdjson::SIMDJSON_PADDING).get(doc)) return -1;
  simdjson::ondemand::object obj;
  if(doc.get_object().get(obj)) return -1;
  int64_t s;
  std::string_view h;
  *status = obj.find_field_unordered("status_code").get(s) ? -1 : s;
  *orig_h_len = obj.find_field_unordered("id.orig_h").get(h) ? (size_t)-1 : h.size();
  return 0;
}
