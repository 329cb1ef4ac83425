// The public header compiles as C++ (extern "C") and links.
#include <zhengce.h>

int main() {
    zc_options o;
    zc_options_init(&o);
    zc_error err;
    zc_extractor *ex = zc_extractor_new(&o, &err);
    zc_document *doc = zc_extract(ex, "GDP增长20%以上", sizeof("GDP增长20%以上") - 1, &err);
    int ok = doc && zc_document_finding_count(doc) == 1;
    zc_document_free(doc);
    zc_extractor_free(ex);
    return ok ? 0 : 1;
}
