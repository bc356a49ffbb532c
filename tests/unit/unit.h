/* unit.h — the one main() every Check suite in tests/unit/ shares:
** each test_*.c defines `Suite *unit_suite(void)` and includes this last. */
#ifndef UNIT_H
#define UNIT_H
#include <check.h>
#include <stdlib.h>

Suite *unit_suite(void);

int main(void){
  SRunner *runner = srunner_create(unit_suite());
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
#endif
