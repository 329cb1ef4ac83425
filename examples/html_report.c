/*
 * html_report.c -- zc-extract -f html: one self-contained page (inline CSS,
 * JS and SVG; no network) to look at what was extracted.
 *
 * The C side writes data only: per document its name, its text in UTF-8 and
 * the library's own JSON Lines records (zc_document_write_jsonl), inside
 * <script type="application/json"> blocks with every '<' escaped, so no text
 * can close the block. The page's script draws the document with every
 * finding highlighted where it stands (colour: status; underline: role),
 * the section outline beside it, a detail panel for the finding under the
 * pointer, filters and a summary table; with --panel, the panel as a table
 * and per indicator a chart of target against outcome over the years.
 */
#define _GNU_SOURCE
#include "html_report.h"

#include <stdlib.h>
#include <string.h>

/* Write s (n bytes of JSON) with '<' as \u003c: safe inside <script>. */
static void put_script_safe(FILE *out, const char *s, size_t n) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        fwrite(s + run, 1, i - run, out);
        fputs("\\u003c", out);
        run = i + 1;
    }
    fwrite(s + run, 1, n - run, out);
}

/* How many bytes at s (n > 0 of them, s[0] >= 0x80) make one character:
 * its length when it is valid UTF-8, else minus the length of its maximal
 * invalid prefix (Unicode's "maximal subpart": one U+FFFD, as the library
 * and browsers replace it). */
static int utf8_char(const unsigned char *s, size_t n) {
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len)
        return -1;
    lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : lo; /* no overlongs */
    hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : hi; /* no surrogates, nothing past U+10FFFF */
    for (int i = 1; i < len; i++, lo = 0x80, hi = 0xBF)
        if ((size_t)i >= n || s[i] < lo || s[i] > hi)
            return -i;
    return len;
}

/* A JSON string of text (the library's escaping rules: controls, quote,
 * backslash, U+2028/2029 escaped; invalid UTF-8 as U+FFFD: a file's name
 * may hold any bytes, where the library's text is always UTF-8). */
static void put_json_text(FILE *out, const char *s, size_t n) {
    fputc('"', out);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        int l = c >= 0x80 ? utf8_char((const unsigned char *)s + i, n - i) : 1;
        if (l < 0)
            fputs("\\ufffd", out);
        else if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '<')
            fputs("\\u003c", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else if (c == 0xE2 && l == 3 && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            fprintf(out, "\\u202%c", (unsigned char)s[i + 2] == 0xA8 ? '8' : '9');
        else
            fwrite(s + i, 1, (size_t)l, out);
        i += (size_t)(l < 0 ? -l : l);
    }
    fputc('"', out);
}

static int to_file(void *ud, const char *bytes, size_t len) {
    return fwrite(bytes, 1, len, (FILE *)ud) == len ? 0 : 1;
}

/* JSON Lines (each line ending in a newline) as one JSON array. */
static void put_lines_as_array(FILE *out, const char *buf, size_t len) {
    fputc('[', out);
    size_t start = 0;
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n') {
            if (start)
                fputc(',', out);
            put_script_safe(out, buf + start, i - start);
            start = i + 1;
        }
    fputc(']', out);
}

/* The records of doc as one JSON array. */
static int put_records(FILE *out, const zc_document *doc, const char *name) {
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return 1;
    int bad = zc_document_write_jsonl(doc, name, ZC_WRITE_SECTIONS | ZC_WRITE_META, to_file, m) !=
              ZC_OK;
    if (fclose(m) != 0)
        bad = 1;
    if (!bad)
        put_lines_as_array(out, buf, len);
    free(buf);
    return bad;
}

/* "chars": the character each offset the page looks up (a finding's start
 * and end, a section's start) stands at in the text. */
static int put_char_offsets(FILE *out, const zc_document *doc) {
    size_t nf = zc_document_finding_count(doc), ns = zc_document_section_count(doc);
    size_t k = 2 * nf + 2 * ns, *bytes = malloc((k ? k : 1) * sizeof *bytes),
           *chars = malloc((k ? k : 1) * sizeof *chars), j = 0;
    if (!bytes || !chars) {
        free(bytes);
        free(chars);
        return 1;
    }
    for (size_t i = 0; i < nf; i++) {
        bytes[j++] = zc_document_finding(doc, i)->text.start;
        bytes[j++] = zc_document_finding(doc, i)->text.end;
    }
    for (size_t i = 0; i < ns; i++) {
        bytes[j++] = zc_document_section(doc, i)->marker.start;
        bytes[j++] = zc_document_section(doc, i)->title.start;
    }
    memcpy(chars, bytes, k * sizeof *chars);
    int bad = zc_document_char_offsets(doc, chars, k) != ZC_OK;
    fputs(",\"chars\":{", out);
    for (size_t i = 0; !bad && i < k; i++)
        fprintf(out, "%s\"%zu\":%zu", i ? "," : "", bytes[i], chars[i]);
    fputc('}', out);
    free(bytes);
    free(chars);
    return bad;
}

int html_document(FILE *out, const zc_document *doc, const char *name) {
    size_t len;
    zc_span all = {0, 0};
    zc_document_text(doc, &all.end);
    const char *text = zc_document_span_text(doc, all, &len);
    fputs("<script type=\"application/json\" class=\"zc-doc\">{\"name\":", out);
    put_json_text(out, name, strlen(name));
    fputs(",\"text\":", out);
    put_json_text(out, text ? text : "", text ? len : 0);
    fputs(",\"encoding\":", out);
    put_json_text(out, zc_document_encoding(doc), strlen(zc_document_encoding(doc)));
    /* offsets in bytes of another encoding, or of UTF-8 with invalid bytes
     * the page reads as one U+FFFD each: the page is told their characters */
    int bad = (strcmp(zc_document_encoding(doc), "utf-8") != 0 ||
               zc_document_replacements(doc, NULL) > 0) &&
              put_char_offsets(out, doc);
    fputs(",\"records\":", out);
    bad |= put_records(out, doc, name);
    fputs("}</script>\n", out);
    return bad || ferror(out);
}

int html_panel(FILE *out, zc_panel *panel) {
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return 1;
    int bad = zc_panel_write(panel, ZC_PANEL_JSONL, to_file, m) != ZC_OK;
    if (fclose(m) != 0)
        bad = 1;
    if (!bad) {
        fputs("<script type=\"application/json\" id=\"zc-panel\">", out);
        put_lines_as_array(out, buf, len);
        fputs("</script>\n", out);
    }
    free(buf);
    return bad || ferror(out);
}

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width\">\n"
    "<title>zhengce</title>\n<style>\n"
    "body{font:14px/1.7 system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;margin:0;"
    "color:#222;background:#fafafa}\n"
    "header{padding:8px 16px;background:#263238;color:#fff;display:flex;gap:16px;"
    "align-items:center;flex-wrap:wrap;position:sticky;top:0;z-index:2}\n"
    "header h1{font-size:16px;margin:0}header label{font-size:13px}\n"
    "header select{max-width:220px}\n"
    ".doc{display:grid;grid-template-columns:260px 1fr 300px;gap:0;border-bottom:2px solid #ccc}\n"
    ".outline{padding:8px;border-right:1px solid #ddd;overflow:auto;max-height:90vh;"
    "position:sticky;top:44px;font-size:13px}\n"
    ".outline details{margin-left:10px}.outline summary{cursor:pointer}\n"
    ".outline a{color:#1a237e;text-decoration:none}.outline .st{font-size:11px;color:#777}\n"
    ".text{padding:8px 20px;white-space:pre-wrap;word-break:break-all}\n"
    ".text h2{font-size:15px;margin:4px 0}\n"
    "mark{border-radius:3px;padding:0 1px;cursor:pointer}\n"
    "mark.target{background:#bbdefb}mark.achieved{background:#c8e6c9}"
    "mark.estimate{background:#fff9c4}mark.rule{background:#e1bee7}\n"
    "mark.commitment{border-bottom:2px solid #333}mark.qualifier{border-bottom:1px dotted #666}"
    "mark.quantity{opacity:.75}\n"
    "mark.hidden{background:none;border:none;opacity:1}\n"
    "mark.sel{outline:2px solid #e65100}\n"
    ".detail{padding:8px;border-left:1px solid #ddd;position:sticky;top:44px;max-height:90vh;"
    "overflow:auto;font-size:13px}\n"
    ".detail table,.summary table,.panel table{border-collapse:collapse}\n"
    "td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}\n"
    "th{background:#eceff1}.summary,.panel{padding:8px 16px}\n"
    ".legend span{display:inline-block;padding:0 6px;margin-right:4px;border-radius:3px;color:#222}\n"
    ".met-yes{color:#2e7d32}.met-no{color:#c62828}.met-unknown{color:#777}\n"
    "svg text{font-size:11px}\n"
    "</style></head><body>\n";

static const char page_script[] =
    "<script>\n"
    "'use strict';\n"
    "const el=(t,a={},...k)=>{const e=document.createElement(t);"
    "for(const[n,v]of Object.entries(a)){if(n==='class')e.className=v;else e.setAttribute(n,v)}"
    "for(const c of k)e.append(c);return e};\n"
    "/* byte offset -> string index: the records count UTF-8 bytes */\n"
    "function byteIndex(s){const m=new Map();let b=0,i=0;for(const ch of s){m.set(b,i);"
    "const c=ch.codePointAt(0);b+=c<0x80?1:c<0x800?2:c<0x10000?3:4;i+=ch.length}"
    "m.set(b,i);return m}\n"
    "/* the same from the library's byte -> character table, for a document read\n"
    "   from another encoding: its offsets are bytes of that encoding */\n"
    "function charIndex(s,chars){const at=[];let i=0;for(const ch of s){at.push(i);i+=ch.length}"
    "at.push(i);const m=new Map();for(const[b,c]of Object.entries(chars))m.set(Number(b),at[c]);"
    "return m}\n"
    "const docs=[...document.querySelectorAll('script.zc-doc')].map(s=>JSON.parse(s.textContent));\n"
    "const main=document.getElementById('docs');\n"
    "const fOnlyC=document.getElementById('only-commitments'),"
    "fOnlyT=document.getElementById('only-targets'),fInd=document.getElementById('indicator'),"
    "fSec=document.getElementById('section');\n"
    "const all=[];const indicators=new Set();\n"
    "docs.forEach((d,di)=>{\n"
    " const idx=d.chars?charIndex(d.text,d.chars):byteIndex(d.text);const at=b=>idx.has(b)?idx.get(b):d.text.length;\n"
    " const secs=d.records.filter(r=>r.type==='section');"
    " const finds=d.records.filter(r=>r.type==='commitment'||r.type==='quantity');\n"
    " const meta=d.records.find(r=>r.type==='meta')||{};\n"
    " const box=el('section',{class:'doc',id:'doc'+di});\n"
    " const outline=el('nav',{class:'outline'},el('b',{},d.name));\n"
    " const nodes={};\n"
    " secs.forEach(s=>{const a=el('a',{href:'#d'+di+'s'+s.index,class:'outline-entry'},"
    "(s.marker||'')+' '+s.title);const det=el('details',{open:''},el('summary',{},a,' ',"
    "el('span',{class:'st'},s.status)));nodes[s.index]=det;"
    "(s.parent&&nodes[s.parent]?nodes[s.parent]:outline).append(det);"
    "fSec.append(el('option',{value:di+':'+s.index},d.name+' '+(s.marker||'')+s.title.slice(0,20)))});\n"
    " const text=el('div',{class:'text'},el('h2',{},(meta.title||d.name)+' · '+(meta.genre||'')+"
    "(meta.place?' · '+meta.place:'')+(meta.report_year?' · '+meta.report_year:'')));\n"
    " const cuts=[];secs.forEach(s=>cuts.push({at:at(s.start),sec:s}));"
    "finds.forEach((f,fi)=>cuts.push({at:at(f.start),end:at(f.end),f,fi}));\n"
    " cuts.sort((x,y)=>x.at-y.at||(x.sec?-1:1));let pos=0;const owner=[];\n"
    " for(const c of cuts){if(c.at<pos)continue;text.append(d.text.slice(pos,c.at));pos=c.at;\n"
    "  if(c.sec){text.append(el('a',{id:'d'+di+'s'+c.sec.index}));continue}\n"
    "  const m=el('mark',{class:c.f.status+' '+c.f.role,'data-d':di,'data-i':c.fi},"
    "d.text.slice(c.at,c.end));pos=c.end;text.append(m);\n"
    "  if(c.f.indicator)indicators.add(c.f.indicator);all.push({m,f:c.f,di})}\n"
    " text.append(d.text.slice(pos));\n"
    " const detail=el('aside',{class:'detail'},el('b',{},'finding'),el('p',{},"
    "'point at a highlighted figure'));\n"
    " box.append(outline,text,detail);main.append(box);\n"
    "});\n"
    "for(const i of [...indicators].sort())fInd.append(el('option',{value:i},i));\n"
    "const fields=['text','subject','indicator','action','bound','value','value_max','unit','scale',"
    "'unit_class','status','role','deadline','year','section','flags'];\n"
    "function show(x){document.querySelectorAll('mark.sel').forEach(m=>m.classList.remove('sel'));"
    "x.m.classList.add('sel');const t=el('table');for(const k of fields){const v=x.f[k];"
    "t.append(el('tr',{},el('th',{},k),el('td',{},v===null||v===undefined?'-':"
    "Array.isArray(v)?v.join(', '):String(v))))}"
    "const aside=document.querySelector('#doc'+x.di+' .detail');aside.replaceChildren(el('b',{},"
    "'finding'),t)}\n"
    "all.forEach(x=>{x.m.addEventListener('mouseenter',()=>show(x));"
    "x.m.addEventListener('click',()=>show(x))});\n"
    "function within(x,key){if(!key)return true;const[di,si]=key.split(':').map(Number);"
    "if(x.di!==di)return false;const recs=docs[di].records;let s=x.f.section;"
    "while(s!==null&&s!==undefined&&s!==0){if(s===si)return true;"
    "const r=recs.find(q=>q.type==='section'&&q.index===s);s=r?r.parent:null}return si===0}\n"
    "function apply(){let n=0;for(const x of all){const ok=(!fOnlyC.checked||x.f.role==='commitment')"
    "&&(!fOnlyT.checked||x.f.status==='target')&&(!fInd.value||x.f.indicator===fInd.value)"
    "&&within(x,fSec.value);x.m.classList.toggle('hidden',!ok);n+=ok}"
    "document.getElementById('shown').textContent=n+' of '+all.length+' findings'}\n"
    "[fOnlyC,fOnlyT,fInd,fSec].forEach(e=>e.addEventListener('change',apply));apply();\n"
    "/* summary: findings by status and role, and by indicator */\n"
    "const sum=document.getElementById('summary');const roles=['commitment','qualifier','quantity'],"
    "st=['target','achieved','estimate','rule'];const t=el('table',{},el('tr',{},el('th',{},'status'),"
    "...roles.map(r=>el('th',{},r))));for(const s of st)t.append(el('tr',{},el('td',{},s),"
    "...roles.map(r=>el('td',{},String(all.filter(x=>x.f.status===s&&x.f.role===r).length)))));"
    "const ti=el('table',{},el('tr',{},el('th',{},'indicator'),el('th',{},'findings'),"
    "el('th',{},'targets')));for(const i of [...indicators].sort())ti.append(el('tr',{},"
    "el('td',{},i),el('td',{},String(all.filter(x=>x.f.indicator===i).length)),el('td',{},"
    "String(all.filter(x=>x.f.indicator===i&&x.f.status==='target').length))));"
    "sum.append(el('h3',{},'summary'),t,el('h3',{},'by indicator'),ti);\n"
    "/* the panel: a table, and per indicator a chart of target and outcome */\n"
    "const pj=document.getElementById('zc-panel');if(pj){const rows=JSON.parse(pj.textContent);"
    "const box=document.getElementById('panel');const cols=['place','year','indicator','target_bound',"
    "'target_value','target_value_max','target_unit','achieved_value','achieved_unit','met'];"
    "const tb=el('table',{class:'panel-table'},el('tr',{},...cols.map(c=>el('th',{},c))));"
    "for(const r of rows)tb.append(el('tr',{class:'panel-row'},...cols.map(c=>el('td',"
    "{class:c==='met'?'met-'+r.met:''},r[c]===null?'':String(r[c])))));box.append(el('h3',{},"
    "'panel'),tb);const groups={};for(const r of rows){const k=r.place+' · '+r.indicator;(groups[k]=groups[k]||[]).push(r)}"
    "for(const[k,g]of Object.entries(groups)){const pts=g.filter(r=>r.target_value!==null||"
    "r.achieved_value!==null);if(pts.length<2)continue;const ys=pts.map(r=>r.year),"
    "vs=pts.flatMap(r=>[r.target_value,r.achieved_value].filter(v=>v!==null));"
    "const x0=Math.min(...ys),x1=Math.max(...ys),v0=Math.min(0,...vs),v1=Math.max(...vs)||1;"
    "const W=520,H=180,X=y=>40+(W-60)*(x1>x0?(y-x0)/(x1-x0):0.5),Y=v=>H-24-(H-40)*(v-v0)/(v1-v0||1);"
    "const NS='http://www.w3.org/2000/svg';const svg=document.createElementNS(NS,'svg');"
    "svg.setAttribute('width',W);svg.setAttribute('height',H);svg.setAttribute('class','chart');"
    "const add=(t,a,txt)=>{const e=document.createElementNS(NS,t);for(const[n,v]of Object.entries(a))"
    "e.setAttribute(n,v);if(txt!==undefined)e.textContent=txt;svg.append(e);return e};"
    "add('line',{x1:40,y1:H-24,x2:W-20,y2:H-24,stroke:'#999'});"
    "for(const y of ys)add('text',{x:X(y)-14,y:H-8},String(y));"
    "const line=(key,color)=>{const p=pts.filter(r=>r[key]!==null).map(r=>X(r.year)+','+Y(r[key]));"
    "if(p.length)add('polyline',{points:p.join(' '),fill:'none',stroke:color,'stroke-width':2});"
    "pts.filter(r=>r[key]!==null).forEach(r=>add('circle',{cx:X(r.year),cy:Y(r[key]),r:3,fill:color}))};"
    "line('target_value','#1565c0');line('achieved_value','#2e7d32');"
    "add('text',{x:44,y:14},k+'  (blue: target, green: achieved)');"
    "box.append(svg)}}\n"
    "</script>\n";

void html_begin(FILE *out, bool panel) {
    fputs(page_head, out);
    fputs("<header><h1>zhengce</h1>"
          "<span class=\"legend\"><span style=\"background:#bbdefb\">target</span>"
          "<span style=\"background:#c8e6c9\">achieved</span>"
          "<span style=\"background:#fff9c4\">estimate</span>"
          "<span style=\"background:#e1bee7\">rule</span> underlined: commitment</span>"
          "<label><input type=\"checkbox\" id=\"only-commitments\"> commitments only</label>"
          "<label><input type=\"checkbox\" id=\"only-targets\"> targets only</label>"
          "<label>indicator <select id=\"indicator\"><option value=\"\">all</option></select></label>"
          "<label>section <select id=\"section\"><option value=\"\">all</option></select></label>"
          "<span id=\"shown\"></span></header>\n",
          out);
    if (panel)
        fputs("<div class=\"panel\" id=\"panel\"></div>\n", out);
    fputs("<main id=\"docs\"></main>\n<div class=\"summary\" id=\"summary\"></div>\n", out);
}

void html_end(FILE *out) {
    fputs(page_script, out);
    fputs("</body></html>\n", out);
}
