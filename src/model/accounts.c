/* The books: names and labels of the perspectives, names of the computed
 * items. */
#include "rentbridge/accounts.h"

#define RB_PERSPECTIVE_KEY_(e, key, da, en) key,
#define RB_PERSPECTIVE_DA_(e, key, da, en) da,
#define RB_PERSPECTIVE_EN_(e, key, da, en) en,
static const char *const keys[RB_P_COUNT] = {
    RB_PERSPECTIVE_LIST(RB_PERSPECTIVE_KEY_)};
static const char *const labels_da[RB_P_COUNT] = {
    RB_PERSPECTIVE_LIST(RB_PERSPECTIVE_DA_)};
static const char *const labels_en[RB_P_COUNT] = {
    RB_PERSPECTIVE_LIST(RB_PERSPECTIVE_EN_)};

const char *rb_perspective_name(rb_perspective p) {
  return (unsigned)p < RB_P_COUNT ? keys[p] : "?";
}

const char *rb_perspective_label(rb_perspective p, bool danish) {
  if ((unsigned)p >= RB_P_COUNT) {
    return "?";
  }
  return danish ? labels_da[p] : labels_en[p];
}

#define RB_COMPUTED_ITEM_NAME_(e, name, label, kind) name,
const char *const rb_computed_item_names[RB_ITEM_COMPUTED_COUNT] = {
    RB_COMPUTED_ITEM_LIST(RB_COMPUTED_ITEM_NAME_)};
