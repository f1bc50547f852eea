# careerkit as two JupyterHub managed services (see docs/deployment.md, "JupyterHub").
#
#   https://hub.example.org/services/careerkit/...            the participant apps, no hub account
#   https://hub.example.org/services/careerkit-dashboard/...  the dashboard, for group "facilitators"
#
# The hub starts and stops both commands. Each takes its address and prefix from the hub
# (`--hub`); the dashboard logs people in through the hub (OAuth) instead of its token, and lets
# in only those holding the `access:services!service=careerkit-dashboard` scope, which the role
# below grants to the group. Start the hub with: jupyterhub -f jupyterhub_config.py
# (tests/serving/test_jupyterhub.py runs this file with a test authenticator and loopback ports).

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

# What both services share: one database, one data folder, and the links the dashboard hands
# out for a workshop (its QR code too), which must point at the participant service.
careerkit_env = {
    "CAREERKIT_DATABASE_URL": "postgresql://careerkit@db.example.org/careerkit",
    "CAREERKIT_DATA_DIR": "/srv/careerkit/data",
    "CAREERKIT_PUBLIC_URL": "https://hub.example.org/services/careerkit",
}

c.JupyterHub.services = [
    {
        "name": "careerkit",
        "url": "http://127.0.0.1:8866",  # where the hub's proxy sends /services/careerkit/
        "command": ["careerkit", "serve", "--hub", "--max-kernels", "60"],
        "cwd": "/srv/careerkit",  # the careerkit folder: its survey/ and workbooks/
        "environment": careerkit_env,
        "display": False,  # not listed on hub users' home page
    },
    {
        "name": "careerkit-dashboard",
        "url": "http://127.0.0.1:8867",
        "command": ["careerkit", "dashboard", "--hub"],
        "cwd": "/srv/careerkit",
        "environment": careerkit_env,
        "oauth_no_confirm": True,  # facilitators are not asked to authorize careerkit each time
    },
]

# Who may open the dashboard: the members of one hub group.
c.JupyterHub.load_groups = {"facilitators": {"users": ["ana", "ben"]}}
c.JupyterHub.load_roles = [
    {
        "name": "careerkit-facilitators",
        "groups": ["facilitators"],
        "scopes": ["access:services!service=careerkit-dashboard"],
    },
]
