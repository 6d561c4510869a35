#include <Python.h>
static struct PyModuleDef m = {PyModuleDef_HEAD_INIT, "cfast", NULL, -1, NULL};
PyMODINIT_FUNC PyInit_cfast(void) { return PyModule_Create(&m); }
