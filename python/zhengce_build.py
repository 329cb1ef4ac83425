"""A PEP 517 build backend for the zhengce package, in the tree, with no
requirements: `pip install ./python` works offline, without setuptools or
wheel. The package is one pure-Python folder, so a wheel is a zip of it
plus the metadata files the wheel format asks for."""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8") as _fh:
    _project = _fh.read()
NAME = re.search(r'^name = "([^"]+)"', _project, re.M).group(1)  # pyproject.toml says it once
VERSION = re.search(r'^version = "([^"]+)"', _project, re.M).group(1)
DIST = f"{NAME}-{VERSION}.dist-info"

METADATA = f"""Metadata-Version: 2.1
Name: {NAME}
Version: {VERSION}
Summary: Chinese government documents into sections and typed commitments (ctypes binding over libzhengce)
License: MIT
Requires-Python: >=3.8
Classifier: Typing :: Typed
"""
WHEEL = """Wheel-Version: 1.0
Generator: zhengce_build
Root-Is-Purelib: true
Tag: py3-none-any
"""


def _package_files():
    pkg = os.path.join(HERE, NAME)
    for name in sorted(os.listdir(pkg)):
        path = os.path.join(pkg, name)
        if os.path.isfile(path) and (name.endswith(".py") or name == "py.typed"):
            yield f"{NAME}/{name}", path


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    filename = f"{NAME}-{VERSION}-py3-none-any.whl"
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as z:
        def add(arcname, data):
            z.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            records.append(f"{arcname},sha256={digest},{len(data)}")
        for arcname, path in _package_files():
            with open(path, "rb") as fh:
                add(arcname, fh.read())
        add(f"{DIST}/METADATA", METADATA.encode())
        add(f"{DIST}/WHEEL", WHEEL.encode())
        records.append(f"{DIST}/RECORD,,")
        z.writestr(f"{DIST}/RECORD", "\n".join(records) + "\n")
    return filename


def build_sdist(sdist_directory, config_settings=None):
    base = f"{NAME}-{VERSION}"
    filename = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as tar:
        for rel in ("pyproject.toml", "zhengce_build.py", "README.md"):
            tar.add(os.path.join(HERE, rel), arcname=f"{base}/{rel}")
        for arcname, path in _package_files():
            tar.add(path, arcname=f"{base}/{arcname}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = METADATA.encode()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return filename
