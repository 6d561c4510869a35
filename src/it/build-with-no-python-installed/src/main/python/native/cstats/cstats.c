#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* cstats.square(n): n * n, computed in C */
static PyObject *square(PyObject *self, PyObject *args) {
    long long n;
    if (!PyArg_ParseTuple(args, "L", &n)) {
        return NULL;
    }
    return PyLong_FromLongLong(n * n);
}

static PyMethodDef methods[] = {{"square", square, METH_VARARGS, "n * n"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cstats", NULL, -1, methods};

PyMODINIT_FUNC PyInit_cstats(void) { return PyModule_Create(&module); }
