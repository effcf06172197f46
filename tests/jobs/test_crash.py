"""Kill -9 of the worker at random moments: no job is lost, none hangs, no torn tarball."""

import json
import os
import random
import signal
import tarfile
import time

from piiscan.jobs import open_store
from piiscan.jobs.service import JobService, detached_launcher

ROUNDS = 20


def test_kill_minus_nine_twenty_times(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    line = "Hello Zhang Wei, SSN 212-67-4013, card 4111 1111 1111 1111, mail a@example.com\n"
    (docs / "big.txt").write_text(line * 3000)
    home = tmp_path / "home"
    rng = random.Random(20261128)
    service = JobService(open_store(home), launcher=detached_launcher(home, workers=1))
    job_ids = []
    for _ in range(ROUNDS):
        job_id = service.start(InputDataConfig={"S3Uri": str(docs)},
                               OutputDataConfig={"S3Uri": str(tmp_path / "out")},
                               Mode="ONLY_OFFSETS", LanguageCode="en")["JobId"]
        job_ids.append(job_id)
        pid = service.store.get(job_id).worker_pid
        time.sleep(rng.uniform(0.0, 1.5))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it finished first
        deadline = time.time() + 60
        while time.time() < deadline:
            status = service.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]["JobStatus"]
            if status in ("COMPLETED", "FAILED"):
                break
            time.sleep(0.05)
        assert status in ("COMPLETED", "FAILED"), status
    listed = service.list(MaxResults=500)["PiiEntitiesDetectionJobPropertiesList"]
    assert sorted(p["JobId"] for p in listed) == sorted(job_ids)  # no lost record
    for properties in listed:
        folder = tmp_path / "out" / f"000000000000-PII-{properties['JobId']}" / "output"
        tarball = folder / "output.tar.gz"
        if properties["JobStatus"] == "COMPLETED":
            with tarfile.open(tarball) as archive:  # complete and readable
                text = archive.extractfile("big.txt.out").read().decode()
            assert len(text.splitlines()) == 3000
            json.loads(text.splitlines()[-1])
        else:
            assert properties["Message"].startswith("INTERNAL_SERVER_ERROR")
            assert not tarball.exists()  # nothing partial at the final path
