#include <Python.h>
this is not C;
