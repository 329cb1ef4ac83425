/* The public header compiles as C99 and links. */
#include <zhengce.h>

int main(void) {
    zc_error err;
    zc_extractor *ex = zc_extractor_new(NULL, &err);
    int ok = ex != NULL && zc_struct_size(0) == sizeof(zc_finding);
    zc_extractor_free(ex);
    return ok ? 0 : 1;
}
