"""Device access: PC/SC readers through pyscard, the virtual My Number Card, the device worker.

Every PC/SC call runs on the one device worker thread; nothing here imports Qt.
"""
